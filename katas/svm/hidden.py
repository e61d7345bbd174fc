"""Hidden checks for the svm kata: agreement with the reference, including samples exactly on the margin."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, assert_refit_forgets, expect_tuple, strategies as kst

from . import kata
from .public import fitted_model, random_problem


@st.composite
def hinge_cases(draw):
    """Random float problems, or integer data with dyadic w and b so that many margins are exactly 1."""
    n, d = draw(kst.dims(1, 8)), draw(kst.dims(1, 4))
    rng = kst.rng_from(draw(kst.seeds()))
    if draw(st.booleans()):
        X = rng.integers(-2, 3, size=(n, d)).astype(np.float64)
        w = rng.integers(-2, 3, size=d) / 2.0
        b = float(rng.integers(-1, 2) / 2.0)
    else:
        X = rng.normal(0.0, 1.0, size=(n, d))
        w = rng.normal(0.0, 1.0, size=d)
        b = float(rng.normal())
    y = rng.choice(np.array([-1, 1]), size=n)
    return {"X": X, "y": y, "w": w, "b": b, "reg": draw(st.sampled_from([0.0, 0.01, 0.3]))}


@kata.check(points=2, hidden=True, max_examples=20)
@given(case=hinge_cases())
def hinge_loss_matches_reference(sub, ref, case):
    """hinge_loss's loss, dw and db agree with the reference, samples on the margin included"""
    X, y, w, b, reg = case["X"], case["y"], case["w"], case["b"], case["reg"]
    got = expect_tuple(sub.hinge_loss(w, b, X, y, reg), ["loss", "dw", "db"], call="hinge_loss")
    expected = ref.hinge_loss(w, b, X, y, reg)
    on_margin = int(np.sum(y * (X @ w + b) == 1.0))
    where = f"for X of shape {X.shape}, b={b}, reg={reg} ({on_margin} sample(s) exactly on the margin)"
    for name, g, e in zip(["loss", "dw", "db"], got, expected):
        assert_close(g, e, name=f"{name} {where}")


@kata.check(points=2, hidden=True)
@given(seed=kst.seeds(), n=kst.dims(2, 12), d=kst.dims(1, 3), lr=st.sampled_from([0.05, 0.2, 1.0]),
       reg=st.sampled_from([0.0, 0.01, 0.3]), n_epochs=st.integers(1, 30))
def fit_matches_reference(sub, ref, seed, n, d, lr, reg, n_epochs):
    """LinearSVM.fit gives the reference's coef_, intercept_ and loss_history_"""
    X, y = random_problem(seed, n, d)
    params = {"reg": reg, "lr": lr, "n_epochs": n_epochs}
    call = f"LinearSVM(reg={reg}, lr={lr}, n_epochs={n_epochs})"
    model = fitted_model(sub.LinearSVM(**params), X, y, call)
    expected = ref.LinearSVM(**params).fit(X, y)
    where = f"after {call}.fit(X, y) with X of shape {X.shape}"
    assert_close(model.coef_, expected.coef_, name=f"coef_ {where}")
    assert_close(model.intercept_, expected.intercept_, name=f"intercept_ {where}")
    assert_close(model.loss_history_, expected.loss_history_, name=f"loss_history_ {where}")


@kata.check(points=1, hidden=True)
@given(seed=kst.seeds(), n=kst.dims(2, 12), d=kst.dims(1, 3), seed2=kst.seeds())
def predictions_match_reference(sub, ref, seed, n, d, seed2):
    """decision_function and predict agree with the reference on new points"""
    X, y = random_problem(seed, n, d)
    X_test = kst.rng_from(seed2).normal(0.0, 2.0, size=(10, d))
    call = "LinearSVM(reg=0.01, lr=0.2, n_epochs=50)"
    model = fitted_model(sub.LinearSVM(reg=0.01, lr=0.2, n_epochs=50), X, y, call)
    expected = ref.LinearSVM(reg=0.01, lr=0.2, n_epochs=50).fit(X, y)
    where = f"after {call}.fit(X, y) with X of shape {X.shape}"
    assert_close(model.decision_function(X_test), expected.decision_function(X_test), name=f"decision_function {where}")
    assert_equal(model.predict(X_test), expected.predict(X_test), name=f"predict {where}")


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, ends like the reference's fresh fit (other problems)"""
    first, second = random_problem(31, 6, 3), random_problem(32, 9, 3)
    assert_refit_forgets(lambda: sub.LinearSVM(reg=0.05, lr=0.5, n_epochs=6), first, second,
                         ["coef_", "intercept_", "loss_history_"],
                         reference=lambda: ref.LinearSVM(reg=0.05, lr=0.5, n_epochs=6), name="LinearSVM")


@kata.check(points=1, hidden=True, max_examples=4)
@given(gaps=st.lists(st.integers(1, 4), min_size=1, max_size=3), n_epochs=st.integers(1, 6))
def predict_on_the_boundary_matches_reference(sub, ref, gaps, n_epochs):
    """On mirror-image data (the bias stays 0), predict at x = 0 and nearby agrees with the reference"""
    X = np.array([[float(g)] for g in gaps] + [[-float(g)] for g in gaps])
    y = np.array([1] * len(gaps) + [-1] * len(gaps))
    X_new = np.array([[0.0], [0.25], [-0.25]])
    got = sub.LinearSVM(n_epochs=n_epochs).fit(X, y).predict(X_new)
    assert_equal(got, ref.LinearSVM(n_epochs=n_epochs).fit(X, y).predict(X_new),
                 name=f"predict([[0], [0.25], [-0.25]]) after LinearSVM(n_epochs={n_epochs}).fit on X = "
                      f"{X.ravel().tolist()}, y = {y.tolist()}")
