"""Public checks for the svm kata: worked examples, a numerical gradient check and properties (no reference)."""
import numpy as np
from hypothesis import assume, given, strategies as st

from graders import (
    assert_array, assert_close, assert_equal, assert_refit_forgets, assert_scalar, check_gradients, expect_fitted,
    expect_tuple, fail,
    strategies as kst,
)

from . import kata

# The worked example of README.md: every sample is active (margins -0.25, -1.25, 0.75).
X_WORKED = np.array([[1.0, 2.0], [2.0, 0.0], [0.0, -1.0]])
Y_WORKED = np.array([1, -1, 1])
W_WORKED = np.array([0.5, -0.5])

# Two samples exactly on the margin (y * f = 1) and one inside it (y * f = 0.5).
X_HINGE = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.0]])
Y_HINGE = np.array([1, -1, 1])
W_HINGE = np.array([1.0, -1.0])


def call_hinge(sub, w, b, X, y, reg):
    """Call the student's hinge_loss and unpack (loss, dw, db) strictly."""
    loss, dw, db = expect_tuple(sub.hinge_loss(w, b, X, y, reg), ["loss", "dw", "db"], call="hinge_loss")
    return loss, dw, db


def random_problem(seed, n, d):
    """Random data (not separable), labels in {-1, +1} with both classes when n >= 2."""
    rng = kst.rng_from(seed)
    X = rng.normal(0.0, 1.0, size=(n, d))
    y = rng.choice(np.array([-1, 1]), size=n)
    return X, y


def separable_problem(seed, n, d):
    """Data separable with margin >= 0.5 by a unit vector and a bias."""
    rng = kst.rng_from(seed)
    w = rng.standard_normal(d)
    w /= np.linalg.norm(w)
    b = rng.uniform(-0.5, 0.5)
    X = rng.uniform(-2.0, 2.0, size=(n, d))
    y = np.where(X @ w + b >= 0, 1, -1)
    return X + 0.5 * y[:, None] * w, y


def fitted_model(model, X, y, call):
    return expect_fitted(model.fit(X, y), call=f"{call}.fit(X, y)", then="LinearSVM().fit(X, y).predict(X)")


@kata.check(points=1)
@given(case=st.just(None))
def worked_example_matches_the_readme(sub, ref, case):
    """hinge_loss gives the values worked out by hand in the README"""
    where = "for the README's worked example (w = [0.5, -0.5], b = 0.25, reg = 0.1)"
    loss, dw, db = call_hinge(sub, W_WORKED, 0.25, X_WORKED, Y_WORKED, 0.1)
    assert_close(loss, 1.275, name=f"loss {where}")
    assert_close(dw, np.array([0.05 + 1 / 3, -0.05 - 1 / 3]), name=f"dw {where}")
    assert_close(db, -1 / 3, name=f"db {where}")


@kata.check(points=1)
@given(case=st.just(None))
def samples_exactly_on_the_margin_are_not_active(sub, ref, case):
    """A sample with margin exactly 1 adds nothing to the loss or the subgradient"""
    where = ("for X = [[1, 0], [0, 1], [0.5, 0]], y = [1, -1, 1], w = [1, -1], b = 0, reg = 0 "
             "(margins 1, 1 and 0.5)")
    loss, dw, db = call_hinge(sub, W_HINGE, 0.0, X_HINGE, Y_HINGE, 0.0)
    assert_close(loss, 0.5 / 3, name=f"loss {where}")
    dw = assert_array(dw, name=f"dw {where}", shape=(2,))
    if np.allclose(dw, [-0.5, 1.0 / 3]):
        fail(f"dw {where} is {dw.tolist()}: the two samples with margin exactly 1 were counted as active. "
             "The convention here is strict: a sample is active only when y * f < 1, so at the hinge it adds 0.")
    assert_close(dw, np.array([-0.5 / 3, 0.0]), name=f"dw {where}")
    assert_close(db, -1 / 3, name=f"db {where}")


@st.composite
def loss_cases(draw):
    n, d = draw(kst.dims(1, 6)), draw(kst.dims(1, 4))
    X, y = random_problem(draw(kst.seeds()), n, d)
    rng = kst.rng_from(draw(kst.seeds()))
    return {"X": X, "y": y, "w": rng.normal(0.0, 1.0, size=d), "b": float(rng.normal()),
            "reg": draw(st.sampled_from([0.0, 0.01, 0.5]))}


@kata.check(points=2, max_examples=6)
@given(case=loss_cases())
def hinge_gradient_matches_numerical_gradient(sub, ref, case):
    """hinge_loss's dw and db agree with the numerical gradient of your loss (away from the hinge)"""
    X, y, w, b, reg = case["X"], case["y"], case["w"], case["b"], case["reg"]
    assume(np.all(np.abs(y * (X @ w + b) - 1.0) > 1e-3))  # no sample within h of the kink
    loss, dw, db = call_hinge(sub, w, b, X, y, reg)
    assert_scalar(loss, name="loss returned by hinge_loss")
    db = assert_scalar(db, name="db returned by hinge_loss")
    check_gradients(
        lambda w, b: np.array(assert_scalar(call_hinge(sub, w, float(b), X, y, reg)[0], name="loss"), dtype=np.float64),
        [w, np.array(b)],
        [dw, np.array(db, dtype=np.float64)],
        np.array(1.0),
        names=["dw", "db"],
    )


@kata.check(points=2)
@given(seed=kst.seeds(), n=kst.dims(2, 8), d=kst.dims(1, 3), lr=st.sampled_from([0.05, 0.5]),
       reg=st.sampled_from([0.0, 0.1]))
def fit_takes_full_batch_subgradient_steps(sub, ref, seed, n, d, lr, reg):
    """fit starts from zero and takes n_epochs steps w -= lr * dw, b -= lr * db of the statement's hinge loss"""
    X, y = random_problem(seed, n, d)
    call = f"LinearSVM(reg={reg}, lr={lr}, n_epochs=3)"
    model = fitted_model(sub.LinearSVM(reg=reg, lr=lr, n_epochs=3), X, y, call)
    w, b, losses = np.zeros(d), 0.0, []
    for _ in range(3):
        # the statement's loss and subgradient written out, not the learner's hinge_loss: a wrong
        # hinge_loss must not make a correct fit fail
        margins = y * (X @ w + b)
        active = (margins < 1).astype(np.float64)
        losses.append(0.5 * reg * float(w @ w) + float(np.maximum(0.0, 1.0 - margins).mean()))
        w, b = w - lr * (reg * w - X.T @ (active * y) / n), b + lr * float(np.sum(active * y)) / n
    where = (f"after {call}.fit(X, y) with X of shape {X.shape}, compared with 3 full-batch steps of the "
             "statement's hinge loss (reg / 2 * ||w||^2 + mean of max(0, 1 - margin))")
    assert_close(model.coef_, w, name=f"coef_ {where}")
    assert_close(model.intercept_, b, name=f"intercept_ {where}")
    assert_close(model.loss_history_, np.array(losses), name=f"loss_history_ {where}")


@kata.check(points=1, max_examples=8)
@given(seed=kst.seeds(), n=kst.dims(4, 20), d=kst.dims(1, 3))
def fit_separates_separable_data(sub, ref, seed, n, d):
    """On separable data, predict is the sign rule of decision_function and gets every training label right"""
    X, y = separable_problem(seed, n, d)
    call = "LinearSVM(reg=0.001, lr=0.5, n_epochs=100)"
    model = fitted_model(sub.LinearSVM(reg=0.001, lr=0.5, n_epochs=100), X, y, call)
    where = f"after {call}.fit(X, y) on data separable with margin 0.5 (X of shape {X.shape})"
    coef = assert_array(model.coef_, name=f"coef_ {where}", shape=(d,))
    scores = model.decision_function(X)
    assert_close(scores, X @ coef + float(model.intercept_), name=f"decision_function(X) {where}")
    labels = model.predict(X)
    assert_array(labels, name=f"predict(X) {where}", shape=(n,), kind="i")
    assert_equal(labels, np.where(scores > 0, 1, -1), name=f"predict(X) {where} (+1 where decision_function > 0, else -1)")
    assert_equal(labels, y, name=f"predict(X) on the training data {where}")


@kata.check(points=1)
@given(case=st.just(None))
def a_score_of_exactly_zero_is_predicted_minus_one(sub, ref, case):
    """On mirror-image data the bias stays exactly 0, so the point x = 0 has score 0: predict gives -1 there"""
    X, y = np.array([[1.0], [-1.0], [2.0], [-2.0]]), np.array([1, -1, 1, -1])
    model = fitted_model(sub.LinearSVM(reg=0.01, lr=0.1, n_epochs=5), X, y, "LinearSVM(reg=0.01, lr=0.1, n_epochs=5)")
    where = "after LinearSVM(reg=0.01, lr=0.1, n_epochs=5).fit(X, y) with X = [[1], [-1], [2], [-2]], y = [1, -1, 1, -1]"
    assert_close(model.decision_function(np.array([[0.0]])), np.array([0.0]),
                 name=f"decision_function([[0]]) {where} (db = -(1/N) sum a_i y_i = 0 at every step: b stays 0)")
    assert_equal(model.predict(np.array([[0.0], [0.5], [-0.5]])), np.array([-1, 1, -1]),
                 name=f"predict([[0], [0.5], [-0.5]]) {where} (a score of exactly 0 is predicted -1, not 0 or +1)")


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1), fit(X2), fit(X1) on one LinearSVM ends exactly like fresh fits"""
    first, second = random_problem(4, 8, 2), random_problem(9, 5, 2)
    assert_refit_forgets(lambda: sub.LinearSVM(reg=0.1, lr=0.2, n_epochs=10), first, second,
                         ["coef_", "intercept_", "loss_history_"], name="LinearSVM")
