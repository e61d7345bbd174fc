"""Hidden checks for linear_regression: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_refit_forgets, strategies as kst

from . import kata
from .public import refuses_method, regression_problems, two_problems


@kata.check(points=2, hidden=True)
@given(problem=regression_problems(noise=0.5), seed=kst.seeds())
def closed_form_matches_reference(sub, ref, problem, seed):
    """The closed form fits noisy data like the reference and predicts new points alike"""
    X, y, _, _ = problem
    X_new = kst.rng_from(seed).uniform(-2.0, 2.0, size=(5, X.shape[1]))
    model = sub.LinearRegression(method="closed_form").fit(X, y)
    expected = ref.LinearRegression(method="closed_form").fit(X, y)
    assert_close(model.coef_, expected.coef_, name=f"coef_ on noisy data (X of shape {X.shape})")
    assert_close(model.intercept_, expected.intercept_, name="intercept_ on noisy data")
    assert_close(model.predict(X_new), expected.predict(X_new), name="predict on new points")
    assert_close(model.score(X, y), expected.score(X, y), name="score (R^2) on the training data")


@kata.check(points=2, hidden=True)
@given(problem=regression_problems(noise=0.3), lr=st.sampled_from([0.01, 0.05, 0.1, 0.3]),
       n_iters=st.integers(2, 30))
def gd_matches_reference(sub, ref, problem, lr, n_iters):
    """Gradient descent follows the reference step by step (coef_, intercept_, loss_history_)"""
    X, y, _, _ = problem
    model = sub.LinearRegression(method="gd", learning_rate=lr, n_iters=n_iters).fit(X, y)
    expected = ref.LinearRegression(method="gd", learning_rate=lr, n_iters=n_iters).fit(X, y)
    what = f"after {n_iters} steps with learning_rate={lr}"
    assert_close(model.loss_history_, expected.loss_history_, name=f"loss_history_ {what}")
    assert_close(model.coef_, expected.coef_, name=f"coef_ {what}")
    assert_close(model.intercept_, expected.intercept_, name=f"intercept_ {what}")


@kata.check(points=1, hidden=True)
@given(n=kst.dims(2, 10), seed=kst.seeds(), constant=st.booleans(), exact=st.booleans())
def r2_score_matches_reference(sub, ref, n, seed, constant, exact):
    """r2_score matches the reference, including constant targets"""
    rng = kst.rng_from(seed)
    y_true = np.full(n, float(rng.uniform(-3, 3))) if constant else rng.uniform(-3, 3, size=n)
    y_pred = y_true.copy() if exact else y_true + rng.normal(0, 1, size=n)
    assert_close(sub.r2_score(y_true, y_pred), ref.r2_score(y_true, y_pred),
                 name=f"r2_score(y_true={np.round(y_true, 4).tolist()}, y_pred={np.round(y_pred, 4).tolist()})")


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, ends like the reference's fresh fit (other problems)"""
    first, second = two_problems(17)
    for method in ("closed_form", "gd"):
        assert_refit_forgets(lambda: sub.LinearRegression(method=method, learning_rate=0.2, n_iters=8),
                             first, second, ["coef_", "intercept_"] + (["loss_history_"] if method == "gd" else []),
                             reference=lambda: ref.LinearRegression(method=method, learning_rate=0.2, n_iters=8),
                             name=f'LinearRegression(method="{method}")')


@kata.check(points=1, hidden=True)
def other_method_names_are_refused(sub, ref):
    """method names other than 'closed_form' and 'gd' raise ValueError"""
    for method in ("GD", "normal_equation", "sgd"):
        refuses_method(sub, method)
