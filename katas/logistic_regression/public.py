"""Public checks for logistic_regression: hand-computed values, gradient check, properties."""
import numpy as np
from hypothesis import given, strategies as st

from graders import (assert_array, assert_close, assert_equal, assert_refit_forgets, assert_scalar, check_gradients,
                     expect_tuple, fail)
from graders import strategies as kst

from . import kata


def plain_sigmoid(z):
    """1 / (1 + exp(-z)) with overflow silenced: the values the checks expect (not how to write it)."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


@st.composite
def classification_problems(draw, n_min=2, n_max=10, scale=1.0):
    """X (n, d) uniform in [-1, 1], labels y (n,) in {0, 1} (both classes present), w (d,), b."""
    d = draw(kst.dims(1, 4))
    n = draw(kst.dims(n_min, n_max))
    rng = kst.rng_from(draw(kst.seeds()))
    X = rng.uniform(-1.0, 1.0, size=(n, d))
    y = rng.integers(0, 2, size=n)
    y[0], y[-1] = 0, 1
    w = scale * rng.uniform(-1.0, 1.0, size=d)
    b = float(scale * rng.uniform(-1.0, 1.0))
    return X, y, w, b


@kata.check(points=2)
@given(shape=kst.shapes(2, 1, 5), seed=kst.seeds(), scale=st.sampled_from([1.0, 30.0, 1000.0]))
def sigmoid_is_stable_and_exact(sub, ref, shape, seed, scale):
    """sigmoid is exact, keeps the shape, and stays finite for |z| up to 1000"""
    fixed = np.array([-1000.0, -745.0, -40.0, -1.0, 0.0, 1.0, 40.0, 745.0, 1000.0])
    got = sub.sigmoid(fixed)
    assert_close(got, plain_sigmoid(fixed), name=f"sigmoid({fixed.tolist()})")
    z = scale * kst.rng_from(seed).uniform(-1.0, 1.0, size=shape)
    got = sub.sigmoid(z)
    assert_close(got, plain_sigmoid(z), name=f"sigmoid(z) for z of shape {shape} with values up to {scale:g} in magnitude")


@kata.check(points=2)
@given(st.just(None))
def bce_loss_hand_values(sub, ref, _):
    """The cross-entropy is log 2 at w = 0 and exact for logits of +-40 and +-1000"""
    X = np.array([[1.0], [-1.0], [0.5]])
    y = np.array([0, 1, 1])
    loss, _, _ = expect_tuple(sub.bce_loss_and_grad(np.zeros(1), 0.0, X, y), ["loss", "dw", "db"],
                              call="bce_loss_and_grad")
    assert_close(loss, np.log(2.0), name="loss at w = 0, b = 0 (every p = 1/2, so loss = log 2)")
    one = np.array([[1.0]])
    for z, label, expected in [(1000.0, 0, 1000.0), (-1000.0, 1, 1000.0), (1000.0, 1, 0.0), (-1000.0, 0, 0.0),
                               (40.0, 0, 40.0 + np.log1p(np.exp(-40.0))), (-40.0, 1, 40.0 + np.log1p(np.exp(-40.0)))]:
        loss, _, _ = sub.bce_loss_and_grad(np.array([z]), 0.0, one, np.array([label]))
        assert_close(loss, expected, name=f"loss for one sample with logit z = {z:g} and label y = {label} "
                                          "(compute it from the logit: log(1 + exp(z)) - y*z, never log(sigmoid))")


@kata.check(points=2, max_examples=8)
@given(problem=classification_problems(n_max=6, scale=2.0))
def bce_gradient_matches_numerical(sub, ref, problem):
    """bce_loss_and_grad's (dw, db) agree with the numerical gradient of its loss"""
    X, y, w, b = problem
    loss, dw, db = expect_tuple(sub.bce_loss_and_grad(w, b, X, y), ["loss", "dw", "db"], call="bce_loss_and_grad")
    db = np.asarray(assert_scalar(db, name="db"))

    def loss_of(w, b):
        return np.asarray(assert_scalar(sub.bce_loss_and_grad(w, float(b), X, y)[0], name="loss"))

    check_gradients(loss_of, [w, np.asarray(b)], [dw, db], np.asarray(1.0), names=["dw", "db"])


@kata.check(points=1)
@given(problem=classification_problems(n_max=10), lr=st.sampled_from([0.05, 0.5, 2.0]))
def first_step_by_hand(sub, ref, problem, lr):
    """One step from zero gives w = -lr X^T (1/2 - y) / n, b = -lr mean(1/2 - y), history [log 2]"""
    X, y, _, _ = problem
    n = len(y)
    model = sub.LogisticRegression(learning_rate=lr, n_iters=1).fit(X, y)
    history = assert_array(model.loss_history_, name="loss_history_ (n_iters=1)", shape=(1,))
    assert_close(history, np.array([np.log(2.0)]), name="loss_history_ after one step (the loss before the step, at w = 0: log 2)")
    assert_close(model.coef_, -lr * X.T @ (0.5 - y) / n,
                 name=f"coef_ after one step from zero with learning_rate={lr} (expected -lr * X.T @ (0.5 - y) / n)")
    assert_close(model.intercept_, -lr * np.mean(0.5 - y),
                 name=f"intercept_ after one step from zero with learning_rate={lr} (expected -lr * mean(0.5 - y))")


@kata.check(points=1, max_examples=10)
@given(problem=classification_problems(n_min=4, n_max=20), seed=kst.seeds())
def fit_decreases_loss_and_predicts_consistently(sub, ref, problem, seed):
    """Training lowers the loss; predict_proba rows sum to 1 and predict thresholds them at 1/2"""
    X, y, _, _ = problem
    model = sub.LogisticRegression(learning_rate=0.5, n_iters=30).fit(X, y)
    history = assert_array(model.loss_history_, name="loss_history_ (n_iters=30)", shape=(30,))
    rises = np.flatnonzero(np.diff(history) > 1e-12)
    if rises.size:
        t = int(rises[0])
        fail(f"loss_history_ should never increase with learning_rate=0.5 on this problem, but it goes from "
             f"{history[t]:.10g} at step {t} to {history[t + 1]:.10g} at step {t + 1}. Check the sign of the update.")
    X_new = kst.rng_from(seed).uniform(-2.0, 2.0, size=(6, X.shape[1]))
    z = assert_array(model.decision_function(X_new), name="decision_function(X_new)", shape=(6,))
    coef = assert_array(model.coef_, name="coef_", shape=(X.shape[1],))
    assert_close(z, X_new @ coef + assert_scalar(model.intercept_, name="intercept_"),
                 name="decision_function(X_new) (expected X_new @ coef_ + intercept_)")
    proba = assert_array(model.predict_proba(X_new), name="predict_proba(X_new)", shape=(6, 2))
    assert_close(proba[:, 1], plain_sigmoid(z), name="predict_proba(X_new)[:, 1] (expected P(y=1) = sigmoid(logit))")
    assert_close(proba.sum(axis=1), np.ones(6), name="predict_proba(X_new).sum(axis=1)")
    assert_equal(model.predict(X_new), (z > 0).astype(np.int64), name="predict(X_new) (1 where the logit is > 0, else 0)")


def two_problems(seed):
    """Two small labelled problems of different sizes, the same number of features (fixed, not drawn)."""
    rng = np.random.default_rng(seed)
    problems = []
    for n in (10, 7):
        X = rng.normal(size=(n, 2))
        problems.append((X, (X @ np.array([1.0, -2.0]) + 0.3 + 0.5 * rng.standard_normal(n) > 0).astype(np.int64)))
    return problems


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1), fit(X2), fit(X1) on one LogisticRegression ends exactly like fresh fits"""
    first, second = two_problems(3)
    assert_refit_forgets(lambda: sub.LogisticRegression(learning_rate=0.5, n_iters=12), first, second,
                         ["coef_", "intercept_", "loss_history_"], name="LogisticRegression")


@kata.check(points=1)
@given(st.just(None))
def zero_steps_and_zero_logits(sub, ref, _):
    """fit with n_iters=0 stays at w = 0, b = 0: every logit is exactly 0, P = [0.5, 0.5], and predict gives class 0"""
    X, y = np.array([[1.0, -2.0], [0.5, 3.0], [-1.0, 0.0]]), np.array([1, 0, 1])
    model = sub.LogisticRegression(learning_rate=0.1, n_iters=0).fit(X, y)
    call = "LogisticRegression(n_iters=0).fit(X, y)"
    assert_close(model.coef_, np.zeros(2), name=f"coef_ after {call} (no step: the starting w = 0)")
    assert_array(model.loss_history_, name=f"loss_history_ after {call} (empty)", shape=(0,))
    assert_close(model.predict_proba(X), np.full((3, 2), 0.5), name=f"predict_proba(X) after {call} (logits 0)")
    assert_equal(model.predict(X), np.zeros(3, dtype=np.int64),
                 name=f"predict(X) after {call}: every logit is exactly 0, and a logit of exactly 0 predicts class 0 "
                      "(1 only where the logit is strictly positive, as scikit-learn does)")
