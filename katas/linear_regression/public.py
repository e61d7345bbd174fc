"""Public checks for linear_regression: hand-computed values and properties (no reference)."""
import numpy as np
from hypothesis import assume, given, strategies as st

from graders import (StudentError, assert_array, assert_close, assert_refit_forgets, assert_scalar, fail,
                     strategies as kst)

from . import kata


@st.composite
def regression_problems(draw, noise=0.0, n_min=0, n_max=12):
    """X (n, d) uniform in [-1, 1], true w (d,), b, and y = X w + b (+ noise)."""
    d = draw(kst.dims(1, 4))
    n = draw(kst.dims(max(d + 3, n_min), n_max))
    rng = kst.rng_from(draw(kst.seeds()))
    X = rng.uniform(-1.0, 1.0, size=(n, d))
    w = rng.uniform(-2.0, 2.0, size=d)
    b = float(rng.uniform(-2.0, 2.0))
    y = X @ w + b + noise * rng.standard_normal(n)
    return X, y, w, b


def _well_conditioned(X, limit=50.0):
    Xb = np.column_stack([np.ones(len(X)), X])
    return np.linalg.cond(Xb) < limit


@kata.check(points=2)
@given(problem=regression_problems())
def closed_form_recovers_noiseless_coefficients(sub, ref, problem):
    """The closed form recovers w and b exactly when y = X w + b has no noise"""
    X, y, w, b = problem
    assume(_well_conditioned(X))
    model = sub.LinearRegression(method="closed_form").fit(X, y)
    assert_close(model.coef_, w, name=f"coef_ (X of shape {X.shape}, y = X @ w + b with w = {np.round(w, 4).tolist()})")
    assert_close(model.intercept_, b, name=f"intercept_ (true b = {b:.6g})")


@kata.check(points=1)
@given(st.just(None))
def r2_score_hand_values(sub, ref, _):
    """r2_score gives 1 for a perfect fit, 0 for predicting the mean, and can be negative"""
    y = np.array([1.0, 2.0, 3.0, 4.0])
    cases = [
        (y, y.copy(), 1.0, "a perfect prediction"),
        (y, np.full(4, 2.5), 0.0, "predicting the mean 2.5 everywhere"),
        (y, np.array([2.0, 2.0, 3.0, 5.0]), 0.6, "SS_res = 2, SS_tot = 5"),
        (y, np.array([4.0, 3.0, 2.0, 1.0]), -3.0, "the reversed targets (SS_res = 20, SS_tot = 5)"),
        (np.full(3, 3.0), np.full(3, 3.0), 1.0, "constant targets predicted exactly (SS_tot = 0: defined as 1.0)"),
        (np.full(3, 3.0), np.array([3.0, 3.0, 4.0]), 0.0, "constant targets predicted inexactly (SS_tot = 0: defined as 0.0)"),
    ]
    for y_true, y_pred, expected, what in cases:
        got = sub.r2_score(y_true, y_pred)
        assert_close(got, expected, name=f"r2_score(y_true={y_true.tolist()}, y_pred={y_pred.tolist()}) for {what}")


@kata.check(points=2)
@given(problem=regression_problems(noise=0.1), lr=st.sampled_from([0.01, 0.1, 0.3]))
def gd_first_step_by_hand(sub, ref, problem, lr):
    """One gradient step from zero gives w = lr*(2/n) X^T y, b = lr*2*mean(y), history [mean(y^2)]"""
    X, y, _, _ = problem
    n = len(y)
    model = sub.LinearRegression(method="gd", learning_rate=lr, n_iters=1).fit(X, y)
    history = assert_array(model.loss_history_, name="loss_history_ (n_iters=1)", shape=(1,))
    assert_close(history, np.array([np.mean(y ** 2)]),
                 name="loss_history_ after one step (it holds the MSE *before* each step: at w = 0, b = 0 it is mean(y**2))")
    assert_close(model.coef_, lr * (2.0 / n) * (X.T @ y),
                 name=f"coef_ after one step from zero with learning_rate={lr} (expected lr * (2/n) * X.T @ y)")
    assert_close(model.intercept_, lr * 2.0 * np.mean(y),
                 name=f"intercept_ after one step from zero with learning_rate={lr} (expected lr * 2 * mean(y))")


@kata.check(points=1, max_examples=5)
@given(problem=regression_problems(noise=0.1, n_min=25, n_max=40))
def gd_converges_to_closed_form(sub, ref, problem):
    """Gradient descent decreases the loss and converges to the closed-form solution"""
    X, y, _, _ = problem
    assume(_well_conditioned(X, 4.0))
    exact = sub.LinearRegression(method="closed_form").fit(X, y)
    gd = sub.LinearRegression(method="gd", learning_rate=0.3, n_iters=200).fit(X, y)
    history = assert_array(gd.loss_history_, name="loss_history_ (n_iters=200)", shape=(200,))
    rises = np.flatnonzero(np.diff(history) > 1e-12)
    if rises.size:
        t = int(rises[0])
        fail(f"loss_history_ should never increase with learning_rate=0.3 on this problem, but it goes from "
             f"{history[t]:.10g} at step {t} to {history[t + 1]:.10g} at step {t + 1}. Check the sign of the update "
             "and the gradient formula (2/n) X^T (X w + b - y).")
    assert_close(gd.predict(X), exact.predict(X), rtol=1e-5, atol=1e-6,
                 name="gd predictions after 200 steps vs your closed-form predictions")


@kata.check(points=1)
@given(problem=regression_problems(noise=0.3))
def score_is_r2_of_predictions(sub, ref, problem):
    """predict returns X @ coef_ + intercept_ and score is the R^2 of those predictions"""
    X, y, _, _ = problem
    model = sub.LinearRegression(method="closed_form").fit(X, y)
    coef = assert_array(model.coef_, name="coef_", shape=(X.shape[1],))
    intercept = assert_scalar(model.intercept_, name="intercept_")
    pred = model.predict(X)
    assert_close(pred, X @ coef + intercept, name="predict(X) (expected X @ coef_ + intercept_)")
    y_mean = y.mean()
    expected = 1.0 - np.sum((y - pred) ** 2) / np.sum((y - y_mean) ** 2)
    assert_close(model.score(X, y), expected, name="score(X, y) (expected 1 - SS_res / SS_tot of predict(X))")


def two_problems(seed):
    """Two small regression problems of different sizes, the same number of features (fixed, not drawn)."""
    rng = np.random.default_rng(seed)
    problems = []
    for n in (9, 6):
        X = rng.uniform(-1.0, 1.0, size=(n, 2))
        problems.append((X, X @ np.array([1.5, -0.5]) + 0.7 + 0.1 * rng.standard_normal(n)))
    return problems


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1), fit(X2), fit(X1) on one LinearRegression ends exactly like fresh fits (closed form and gd)"""
    first, second = two_problems(5)
    for method in ("closed_form", "gd"):
        assert_refit_forgets(lambda: sub.LinearRegression(method=method, learning_rate=0.1, n_iters=15),
                             first, second, ["coef_", "intercept_"] + (["loss_history_"] if method == "gd" else []),
                             name=f'LinearRegression(method="{method}")')


def refuses_method(sub, method):
    """Fail unless LinearRegression(method=method), built and fitted, raises ValueError (in __init__ or in fit)."""
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
    try:
        coef = sub.LinearRegression(method=method).fit(X, y).coef_
    except StudentError as exc:
        if exc.exc_type == "ValueError":
            return
        raise
    fail(f"LinearRegression(method={method!r}).fit(X, y) ran without an error (coef_ = {coef!r}): a method other "
         "than 'closed_form' and 'gd' must raise ValueError (the README), not fall back to one of them.")


@kata.check(points=1)
@given(st.just(None))
def edge_cases_by_hand(sub, ref, _):
    """An unknown method raises ValueError; gd with n_iters=0 stays at zero with an empty history; one feature"""
    refuses_method(sub, "newton")
    X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])   # y = 2 x + 1 exactly
    model = sub.LinearRegression(method="gd", n_iters=0).fit(X, y)
    assert_close(model.coef_, np.zeros(1), name="coef_ after LinearRegression(method='gd', n_iters=0).fit(X, y) "
                 "(no step: the starting w = 0)")
    assert_close(model.intercept_, 0.0, name="intercept_ after 0 gradient steps")
    assert_array(model.loss_history_, name="loss_history_ after 0 gradient steps (empty)", shape=(0,))
    model = sub.LinearRegression(method="gd", learning_rate=0.1, n_iters=1).fit(X, y)
    # r = -y, dL/dw = (2/3) * (0*-1 + 1*-3 + 2*-5) = -26/3, dL/db = (2/3) * -9 = -6
    assert_close(model.coef_, np.array([0.1 * 26 / 3]), name="coef_ after one step of lr 0.1 on x = [0, 1, 2], "
                 "y = [1, 3, 5] (dL/dw = (2/n) X^T r = -26/3)")
    assert_close(model.intercept_, 0.6, name="intercept_ after that step (dL/db = (2/n) sum r = -6)")
    assert_close(model.loss_history_, np.array([35.0 / 3]), name="loss_history_ (the MSE before the step: 35/3)")
