"""Hidden checks for the naive_bayes kata: agreement with the reference, including extreme inputs."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, assert_refit_forgets, strategies as kst

from . import kata
from .public import FITTED, fitted_model, problems, two_problems


@kata.check(points=2, hidden=True)
@given(case=problems(min_per_class=2))
def fitted_attributes_match_reference(sub, ref, case):
    """classes_, class_count_, class_prior_, theta_, var_ and epsilon_ agree with the reference"""
    X, y, vs = case["X"], case["y"], case["var_smoothing"]
    model, where = fitted_model(sub, X, y, vs)
    expected = ref.GaussianNB(var_smoothing=vs).fit(X, y)
    assert_equal(model.classes_, expected.classes_, name=f"classes_ {where}")
    for name in ("class_count_", "class_prior_", "theta_", "var_", "epsilon_"):
        assert_close(getattr(model, name), getattr(expected, name), name=f"{name} {where}")


@kata.check(points=2, hidden=True)
@given(case=problems())
def probabilities_match_reference(sub, ref, case):
    """predict_joint_log_proba, predict_log_proba and predict_proba agree with the reference"""
    X, y, vs, X_test = case["X"], case["y"], case["var_smoothing"], case["X_test"]
    model, where = fitted_model(sub, X, y, vs)
    expected = ref.GaussianNB(var_smoothing=vs).fit(X, y)
    for method in ("predict_joint_log_proba", "predict_log_proba", "predict_proba"):
        assert_close(getattr(model, method)(X_test), getattr(expected, method)(X_test), name=f"{method}(X_new) {where}")


@kata.check(points=2, hidden=True)
@given(case=problems(), seed=kst.seeds(), magnitude=st.sampled_from([1e3, 1e5, 1e7]))
def extreme_inputs_match_reference(sub, ref, case, seed, magnitude):
    """Far from every class, predict_log_proba and predict_proba agree with the reference"""
    X, y, vs = case["X"], case["y"], case["var_smoothing"]
    model, where = fitted_model(sub, X, y, vs)
    expected = ref.GaussianNB(var_smoothing=vs).fit(X, y)
    X_far = magnitude * kst.rng_from(seed).normal(0.0, 1.0, size=(5, X.shape[1]))
    where = f"{where}, on points with |x| around {magnitude:g}"
    assert_close(model.predict_log_proba(X_far), expected.predict_log_proba(X_far), name=f"predict_log_proba {where}")
    assert_close(model.predict_proba(X_far), expected.predict_proba(X_far), name=f"predict_proba {where}")


@kata.check(points=1, hidden=True)
@given(case=problems())
def predict_matches_reference(sub, ref, case):
    """predict agrees with the reference on the training data and on new points"""
    X, y, vs, X_test = case["X"], case["y"], case["var_smoothing"], case["X_test"]
    model, where = fitted_model(sub, X, y, vs)
    expected = ref.GaussianNB(var_smoothing=vs).fit(X, y)
    both = np.concatenate([X, X_test])
    assert_equal(model.predict(both), expected.predict(both), name=f"predict on training and new points {where}")


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data and labels, then on the first again, ends like the reference's fresh fit"""
    first, second = two_problems(40)
    assert_refit_forgets(lambda: sub.GaussianNB(), first, second, FITTED,
                         reference=lambda: ref.GaussianNB(), name="GaussianNB")


@kata.check(points=1, hidden=True, max_examples=5)
@given(centre=st.integers(-20, 20), gap=st.integers(1, 6), labels=st.sampled_from([(0, 1), (3, 9), (-4, 12)]))
def ties_match_reference(sub, ref, centre, gap, labels):
    """Two one-sample classes and the point half way between them: predict agrees with the reference"""
    X, y = np.array([[centre - gap], [centre + gap]], dtype=np.float64), np.array(labels)
    X_new = np.array([[float(centre)], [centre - 0.5 * gap], [centre + 0.5 * gap]])
    got = sub.GaussianNB().fit(X, y).predict(X_new)
    assert_equal(got, ref.GaussianNB().fit(X, y).predict(X_new),
                 name=f"predict({X_new.ravel().tolist()}) after fit on X = {X.ravel().tolist()}, y = {list(labels)}")
