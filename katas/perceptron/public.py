"""Public checks for the perceptron kata: hand-worked examples and properties (no reference)."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_refit_forgets, assert_close, assert_equal, assert_scalar, expect_fitted, fail, strategies as kst

from . import kata

# Two points, worked by hand in README.md ("A worked example").
X_TWO = np.array([[1.0, 2.0], [-1.0, 0.0]])
Y_TWO = np.array([1, -1])


def separable_problem(seed, n, d):
    """Data separable with margin >= 0.5 by the unit vector w_star and bias b_star."""
    rng = kst.rng_from(seed)
    w_star = rng.standard_normal(d)
    w_star /= np.linalg.norm(w_star)
    b_star = rng.uniform(-0.5, 0.5)
    X = rng.uniform(-1.0, 1.0, size=(n, d))
    y = np.where(X @ w_star + b_star >= 0, 1, -1)
    X = X + 0.5 * y[:, None] * w_star  # push every point 0.5 further from the boundary
    return X, y


@kata.check(points=2)
@given(case=st.just(None))
def one_epoch_on_two_points_matches_the_hand_computation(sub, ref, case):
    """One epoch on a two-point dataset gives the weights worked out by hand"""
    model = sub.Perceptron(learning_rate=1.0, n_epochs=1)
    model.fit(X_TWO, Y_TWO)
    coef = model.coef_
    where = "after fit(X, y) with X = [[1, 2], [-1, 0]], y = [1, -1], n_epochs=1"
    if isinstance(coef, np.ndarray) and coef.shape == (2,) and not np.any(coef):
        fail(
            f"coef_ is still [0, 0] {where}. With w = 0 and b = 0 the first sample has "
            "y * (w @ x + b) = 0, which counts as a mistake (the test is <= 0, not < 0), so it must update w and b."
        )
    assert_close(coef, np.array([2.0, 2.0]), name=f"coef_ {where}")
    assert_close(model.intercept_, 0.0, name=f"intercept_ {where}")
    assert_equal(model.n_iter_, 1, name=f"n_iter_ {where}")


# Eight points that take several epochs, visited in the given order with learning_rate = 0.5.
X_ORDER = np.array([[0.5, 1.0], [-1.0, -0.5], [1.5, -0.25], [-0.25, 1.25], [1.0, 0.5], [-1.5, 0.25],
                    [0.25, -1.0], [-0.5, -1.25]])
Y_ORDER = np.array([1, -1, 1, -1, 1, -1, 1, -1])


@kata.frozen
def three_epochs_in_the_given_order(ref):
    """The statement's algorithm on X_ORDER, Y_ORDER with learning_rate=0.5, n_epochs=3."""
    model = ref.Perceptron(learning_rate=0.5, n_epochs=3).fit(X_ORDER, Y_ORDER)
    return {"coef_": model.coef_, "intercept_": model.intercept_, "n_iter_": model.n_iter_}


@kata.check(points=1)
@given(case=st.just(None))
def several_epochs_in_the_given_order_with_a_learning_rate(sub, ref, case):
    """Up to three epochs over eight points, in the given order, with learning_rate=0.5, give the statement's weights"""
    model = sub.Perceptron(learning_rate=0.5, n_epochs=3)
    model.fit(X_ORDER, Y_ORDER)
    expected = kata.frozen_value("three_epochs_in_the_given_order")
    where = (f"after Perceptron(learning_rate=0.5, n_epochs=3).fit(X, y) with X = {X_ORDER.tolist()}, "
             f"y = {Y_ORDER.tolist()} (samples visited in the given order, every update scaled by learning_rate)")
    assert_close(model.coef_, np.asarray(expected["coef_"]), name=f"coef_ {where}")
    assert_close(model.intercept_, expected["intercept_"], name=f"intercept_ {where}")
    assert_equal(model.n_iter_, expected["n_iter_"], name=f"n_iter_ {where}")


@kata.check(points=1)
@given(case=st.just(None))
def training_stops_after_the_first_epoch_without_mistakes(sub, ref, case):
    """fit stops after the first epoch without a mistake, and n_iter_ counts that epoch"""
    X = np.array([[1.0, 0.0], [-1.0, 0.0]])
    y = np.array([1, -1])
    model = sub.Perceptron(learning_rate=1.0, n_epochs=100)
    model.fit(X, y)
    where = "after fit(X, y) with X = [[1, 0], [-1, 0]], y = [1, -1], n_epochs=100"
    assert_close(model.coef_, np.array([2.0, 0.0]), name=f"coef_ {where}")
    assert_close(model.intercept_, 0.0, name=f"intercept_ {where}")
    n_iter = model.n_iter_
    if n_iter != 2:
        fail(
            f"n_iter_ is {n_iter!r} {where}; expected 2: epoch 1 makes two mistakes, epoch 2 makes none, "
            "so training stops after epoch 2 and n_iter_ counts both epochs."
        )


@kata.check(points=2)
@given(seed=kst.seeds(), n=kst.dims(2, 12), d=kst.dims(1, 3))
def separable_data_is_fitted_without_training_errors(sub, ref, seed, n, d):
    """On linearly separable data, fit returns self, converges, and classifies every training point"""
    X, y = separable_problem(seed, n, d)
    model = sub.Perceptron(n_epochs=200)
    fitted = expect_fitted(model.fit(X, y), call="fit(X, y)", then="model.fit(X, y).predict(X)")
    n_iter = fitted.n_iter_
    if not isinstance(n_iter, (int, np.integer)) or not 1 <= n_iter < 200:
        fail(
            f"n_iter_ is {n_iter!r} on a problem separable with margin 0.5 (N={n}, D={d}, n_epochs=200): "
            "the perceptron converges on such data in far fewer epochs, so fit should stop early "
            "and n_iter_ should be an int between 1 and 199."
        )
    assert_array(fitted.coef_, name="coef_", shape=(d,))
    scores = assert_array(fitted.decision_function(X), name="decision_function(X)", shape=(n,))
    if np.any(y * scores <= 0):
        i = int(np.argmax(y * scores <= 0))
        fail(
            f"after fit stopped (n_iter_={n_iter}), training sample {i} is still a mistake: "
            f"y={y[i]}, decision_function={scores[i]:.6g}. fit may only stop after an epoch with no mistake."
        )
    assert_equal(fitted.predict(X), y, name="predict(X) on the training data")


@kata.check(points=1)
@given(seed=kst.seeds(), n=kst.dims(2, 10))
def predict_is_the_sign_of_the_decision_function(sub, ref, seed, n):
    """decision_function is X @ coef_ + intercept_ and predict is +1 exactly where it is > 0"""
    model = sub.Perceptron(n_epochs=1)
    model.fit(X_TWO, Y_TWO)  # coef_ = [2, 2], intercept_ = 0
    rng = kst.rng_from(seed)
    X = rng.integers(-2, 3, size=(n, 2)).astype(np.float64)
    X[0] = [1.0, -1.0]  # exactly on the boundary: decision 0, so predict -1
    coef = assert_array(model.coef_, name="coef_", shape=(2,))
    intercept = assert_scalar(model.intercept_, name="intercept_")
    scores = model.decision_function(X)
    assert_close(scores, X @ coef + intercept, name="decision_function(X) (expected X @ coef_ + intercept_)")
    labels = model.predict(X)
    assert_array(labels, name="predict(X)", shape=(n,), kind="n")
    if labels[0] != -1:
        fail(
            f"predict gave {labels[0]:g} for x = [1, -1], where the decision function is exactly 0; "
            "a point on the boundary is predicted -1 (+1 only where the decision function is > 0)."
        )
    assert_equal(labels, np.where(scores > 0, 1, -1), name="predict(X)")


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1), fit(X2), fit(X1) on one Perceptron ends exactly like a fresh Perceptron fitted on X1"""
    first, second = _two_problems()
    assert_refit_forgets(lambda: sub.Perceptron(learning_rate=0.5, n_epochs=20), first, second,
                         ["coef_", "intercept_", "n_iter_"], name="Perceptron")


def _two_problems():
    rng = np.random.default_rng(11)
    problems = []
    for n in (12, 7):
        X = rng.normal(size=(n, 3))
        y = np.where(X @ np.array([1.0, -2.0, 0.5]) + 0.3 > 0, 1.0, -1.0)
        problems.append((X, y))
    return problems
