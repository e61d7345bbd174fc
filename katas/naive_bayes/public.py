"""Public checks for the naive_bayes kata: a worked example, hand-computed statistics and properties."""
import numpy as np
from hypothesis import given, strategies as st

from graders import (assert_array, assert_close, assert_equal, assert_refit_forgets, expect_fitted, fail,
                     strategies as kst)

from . import kata

# The worked example of README.md: class 0 has mean 1, variance 1; class 1 mean 12, variance 9.
X_WORKED = np.array([[0.0], [2.0], [9.0], [9.0], [15.0], [15.0]])
Y_WORKED = np.array([0, 0, 1, 1, 1, 1])


def problem(seed, n_classes, d, scale=1.0, min_per_class=3):
    """Gaussian classes with distinct means and spreads; labels are arbitrary distinct integers, shuffled."""
    rng = kst.rng_from(seed)
    values = np.sort(rng.choice(np.arange(-5, 40), size=n_classes, replace=False))
    counts = rng.integers(min_per_class, 9, size=n_classes)
    cls = rng.permutation(np.repeat(np.arange(n_classes), counts))
    means = rng.normal(0.0, 3.0, size=(n_classes, d))
    spreads = rng.uniform(0.3, 2.0, size=(n_classes, d))
    X = scale * (means[cls] + spreads[cls] * rng.standard_normal((len(cls), d)))
    return X, values[cls], values


@st.composite
def problems(draw, min_per_class=3):
    k, d = draw(kst.dims(2, 4)), draw(kst.dims(1, 4))
    scale = draw(st.sampled_from([1.0, 30.0]))
    X, y, values = problem(draw(kst.seeds()), k, d, scale, min_per_class)
    X_test = scale * kst.rng_from(draw(kst.seeds())).normal(0.0, 4.0, size=(6, d))
    return {"X": X, "y": y, "classes": values, "X_test": X_test,
            "var_smoothing": draw(st.sampled_from([1e-9, 0.01, 0.5]))}


def fitted_model(sub, X, y, var_smoothing):
    call = f"GaussianNB(var_smoothing={var_smoothing})"
    fitted = expect_fitted(sub.GaussianNB(var_smoothing=var_smoothing).fit(X, y), call=f"{call}.fit(X, y)",
                           then="GaussianNB().fit(X, y).predict(X)")
    return fitted, f"after {call}.fit(X, y) with X of shape {X.shape} and classes {np.unique(y).tolist()}"


@kata.check(points=1)
@given(case=st.just(None))
def worked_example_matches_the_readme(sub, ref, case):
    """The README's one-feature example: joint log probabilities and posteriors at x = 3"""
    model, where = fitted_model(sub, X_WORKED, Y_WORKED, 0.0)
    x = np.array([[3.0]])
    half_log_2pi = 0.5 * np.log(2 * np.pi)
    jll = np.array([[np.log(1 / 3) - half_log_2pi - 2.0, np.log(2 / 3) - half_log_2pi - np.log(3.0) - 4.5]])
    assert_close(model.predict_joint_log_proba(x), jll, name=f"predict_joint_log_proba([[3]]) {where}")
    p0 = 1.0 / (1.0 + 1.0 / (1.5 * np.exp(2.5)))
    assert_close(model.predict_proba(x), np.array([[p0, 1.0 - p0]]), name=f"predict_proba([[3]]) {where}")


@kata.check(points=2)
@given(case=problems())
def fit_estimates_priors_means_and_variances(sub, ref, case):
    """fit sets classes_, class_count_, class_prior_, theta_, var_ (ddof=0, plus epsilon_) and epsilon_"""
    X, y, classes, vs = case["X"], case["y"], case["classes"], case["var_smoothing"]
    model, where = fitted_model(sub, X, y, vs)
    k, d = len(classes), X.shape[1]
    assert_equal(model.classes_, classes, name=f"classes_ {where} (the sorted distinct labels)")
    counts = np.array([np.sum(y == c) for c in classes], dtype=np.float64)
    assert_close(model.class_count_, counts, name=f"class_count_ {where}")
    assert_close(model.class_prior_, counts / counts.sum(), name=f"class_prior_ {where}")
    assert_close(model.theta_, np.array([X[y == c].mean(axis=0) for c in classes]), name=f"theta_ {where}")
    epsilon = vs * np.var(X, axis=0).max()
    assert_close(model.epsilon_, epsilon,
                 name=f"epsilon_ {where} (var_smoothing times the largest variance of a feature over all of X)")
    var = np.array([X[y == c].var(axis=0) for c in classes]) + epsilon
    assert_array(model.var_, name=f"var_ {where}", shape=(k, d))
    assert_close(model.var_, var, name=f"var_ {where} (per-class variance with ddof=0, plus epsilon_)")


@kata.check(points=1)
@given(case=problems())
def probabilities_are_normalised_and_consistent(sub, ref, case):
    """predict_proba rows sum to 1, predict_log_proba is their log, predict is the most probable class"""
    X, y, classes, X_test = case["X"], case["y"], case["classes"], case["X_test"]
    model, where = fitted_model(sub, X, y, case["var_smoothing"])
    m, k = len(X_test), len(classes)
    proba = assert_array(model.predict_proba(X_test), name=f"predict_proba(X_new) {where}", shape=(m, k))
    if np.any(proba < 0) or np.any(proba > 1):
        fail(f"predict_proba(X_new) {where} has values outside [0, 1]: {proba.tolist()}.")
    assert_close(proba.sum(axis=1), np.ones(m), name=f"the row sums of predict_proba(X_new) {where}")
    log_proba = assert_array(model.predict_log_proba(X_test), name=f"predict_log_proba(X_new) {where}", shape=(m, k))
    assert_close(np.exp(log_proba), proba, name=f"exp(predict_log_proba(X_new)) vs predict_proba(X_new) {where}")
    jll = assert_array(model.predict_joint_log_proba(X_test), name=f"predict_joint_log_proba(X_new) {where}", shape=(m, k))
    assert_close(log_proba - log_proba[:, :1], jll - jll[:, :1],
                 name=f"differences between classes of predict_log_proba vs predict_joint_log_proba {where} "
                      "(the posterior is the joint minus a per-row constant)")
    assert_equal(model.predict(X_test), classes[np.argmax(proba, axis=1)],
                 name=f"predict(X_new) {where} (the label in classes_ of the most probable class)")


@kata.check(points=2)
@given(case=problems(), seed=kst.seeds(), magnitude=st.sampled_from([1e3, 1e5, 1e7]))
def extreme_inputs_give_finite_probabilities(sub, ref, case, seed, magnitude):
    """Far from every class, predict_proba and predict_log_proba stay finite and normalised (no 0/0)"""
    X, y, classes = case["X"], case["y"], case["classes"]
    model, where = fitted_model(sub, X, y, case["var_smoothing"])
    X_far = magnitude * kst.rng_from(seed).normal(0.0, 1.0, size=(5, X.shape[1]))
    k = len(classes)
    call = f"predict_proba(X_far) {where}, with |X_far| around {magnitude:g}"
    proba = model.predict_proba(X_far)
    if isinstance(proba, np.ndarray) and proba.shape == (5, k) and not np.all(np.isfinite(proba)):
        fail(f"{call}: contains NaN or Inf. Far from every class all joint probabilities underflow to 0, and 0/0 is NaN: "
             "normalise in log space (subtract the row maximum of the joint log probabilities before exp, "
             "i.e. a log-sum-exp).")
    proba = assert_array(proba, name=call, shape=(5, k))
    assert_close(proba.sum(axis=1), np.ones(5), name=f"the row sums of {call}")
    log_proba = assert_array(model.predict_log_proba(X_far), name=f"predict_log_proba(X_far) {where}", shape=(5, k),
                             finite=False)
    if not np.all(np.isfinite(log_proba)):
        fail(f"predict_log_proba(X_far) {where} with |X_far| around {magnitude:g} contains -inf or NaN: "
             "compute it as joint log probability minus log-sum-exp, never as log(predict_proba).")
    if np.any(log_proba.max(axis=1) < -np.log(k) - 1e-9) or np.any(log_proba > 1e-12):
        fail(f"predict_log_proba(X_far) {where}: every row should have its largest entry between -log(K) and 0 "
             f"(the most probable class has probability >= 1/K), got row maxima {log_proba.max(axis=1).tolist()}.")


@kata.check(points=1)
@given(seed=kst.seeds(), k=kst.dims(2, 4), d=kst.dims(1, 3))
def predict_returns_labels_from_classes(sub, ref, seed, k, d):
    """predict returns the original labels (from classes_), not class indices, and fits separated classes"""
    rng = kst.rng_from(seed)
    values = np.sort(rng.choice(np.arange(10, 100), size=k, replace=False))
    cls = rng.permutation(np.repeat(np.arange(k), 4))
    means = 20.0 * np.arange(k)[:, None] * np.ones((1, d))  # classes 20 apart, unit spread: separable
    X = means[cls] + 0.5 * rng.standard_normal((len(cls), d))
    y = values[cls]
    model, where = fitted_model(sub, X, y, 1e-9)
    assert_equal(model.predict(X), y, name=f"predict(X) on the training data {where} (labels {values.tolist()})")


@kata.check(points=1)
@given(case=st.just(None))
def one_sample_classes_and_an_exact_tie(sub, ref, case):
    """Classes of one sample each (variance epsilon_ only); a point half way between them is a tie: the first class"""
    X, y = np.array([[0.0], [2.0]]), np.array([5, 7])
    model, where = fitted_model(sub, X, y, 1e-9)
    where += " (one sample per class)"
    eps = 1e-9 * 1.0  # var_smoothing times the variance of the feature over all of X, [0, 2]: 1
    assert_close(model.var_, np.array([[eps], [eps]]), name=f"var_ {where} (ddof=0: a single sample has variance 0, "
                                                           "plus epsilon_)")
    between = np.array([[1.0], [0.5], [1.5]])
    assert_close(model.predict_proba(between)[0], np.array([0.5, 0.5]),
                 name=f"predict_proba at x = 1 {where} (both classes are equally far)")
    assert_equal(model.predict(between), np.array([5, 5, 7]),
                 name=f"predict at x = 1, 0.5, 1.5 {where} (x = 1 is an exact tie: the first class, 5, as np.argmax)")


FITTED = ["classes_", "class_count_", "class_prior_", "theta_", "var_", "epsilon_"]


def two_problems(seed):
    """Two small problems with different labels (2 classes, then 3), the same number of features."""
    return [problem(seed, 2, 2)[:2], problem(seed + 1, 3, 2)[:2]]


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1, y1), fit(X2, y2), fit(X1, y1) on one GaussianNB ends exactly like fresh fits (other labels too)"""
    first, second = two_problems(6)
    assert_refit_forgets(lambda: sub.GaussianNB(var_smoothing=0.01), first, second, FITTED, name="GaussianNB")
