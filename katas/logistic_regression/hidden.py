"""Hidden checks for logistic_regression: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, assert_refit_forgets, expect_tuple, strategies as kst

from . import kata
from .public import classification_problems, two_problems


@kata.check(points=1, hidden=True)
@given(shape=kst.shapes(2, 1, 6), seed=kst.seeds())
def sigmoid_matches_reference(sub, ref, shape, seed):
    """sigmoid matches the reference on small, large and huge logits"""
    base = kst.rng_from(seed).standard_normal(shape)
    for scale in (0.1, 5.0, 50.0, 800.0):
        z = scale * base
        assert_close(sub.sigmoid(z), ref.sigmoid(z), name=f"sigmoid(z), z of shape {shape} and scale {scale:g}")


@kata.check(points=2, hidden=True)
@given(problem=classification_problems(n_max=8))
def bce_matches_reference(sub, ref, problem):
    """The loss and gradient match the reference, including logits in the hundreds"""
    X, y, w0, b0 = problem
    for scale in (1.0, 30.0, 500.0):
        w, b = scale * w0, scale * b0
        loss, dw, db = expect_tuple(sub.bce_loss_and_grad(w, b, X, y), ["loss", "dw", "db"], call="bce_loss_and_grad")
        e_loss, e_dw, e_db = ref.bce_loss_and_grad(w, b, X, y)
        what = f"(logits up to {np.max(np.abs(X @ w + b)):.4g} in magnitude)"
        assert_close(loss, e_loss, name=f"loss {what}")
        assert_close(dw, e_dw, name=f"dw {what}")
        assert_close(db, e_db, name=f"db {what}")


@kata.check(points=2, hidden=True, max_examples=10)
@given(problem=classification_problems(n_min=4, n_max=20), lr=st.sampled_from([0.1, 1.0]),
       n_iters=st.integers(2, 25), seed=kst.seeds())
def fit_matches_reference(sub, ref, problem, lr, n_iters, seed):
    """Training follows the reference step by step and predicts new points alike"""
    X, y, _, _ = problem
    model = sub.LogisticRegression(learning_rate=lr, n_iters=n_iters).fit(X, y)
    expected = ref.LogisticRegression(learning_rate=lr, n_iters=n_iters).fit(X, y)
    what = f"after {n_iters} steps with learning_rate={lr}"
    assert_close(model.loss_history_, expected.loss_history_, name=f"loss_history_ {what}")
    assert_close(model.coef_, expected.coef_, name=f"coef_ {what}")
    assert_close(model.intercept_, expected.intercept_, name=f"intercept_ {what}")
    X_new = kst.rng_from(seed).uniform(-2.0, 2.0, size=(6, X.shape[1]))
    assert_close(model.predict_proba(X_new), expected.predict_proba(X_new), name="predict_proba(X_new)")
    assert_equal(model.predict(X_new), expected.predict(X_new), name="predict(X_new)")


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, ends like the reference's fresh fit (other problems)"""
    first, second = two_problems(29)
    assert_refit_forgets(lambda: sub.LogisticRegression(learning_rate=1.0, n_iters=6), first, second,
                         ["coef_", "intercept_", "loss_history_"],
                         reference=lambda: ref.LogisticRegression(learning_rate=1.0, n_iters=6),
                         name="LogisticRegression")


@kata.check(points=1, hidden=True)
def zero_logits_match_reference(sub, ref):
    """predictions at logits of exactly 0 match the reference (class 0)"""
    X, y = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, -1.0]]), np.array([1, 1, 0, 1])
    model, expected = (m.LogisticRegression(n_iters=0).fit(X, y) for m in (sub, ref))
    assert_equal(model.predict(X), expected.predict(X), name="predict(X) after LogisticRegression(n_iters=0).fit(X, y)")
