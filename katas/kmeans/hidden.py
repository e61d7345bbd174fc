"""Hidden checks for the kmeans kata: agreement with the reference on drawn problems."""
import numpy as np
from hypothesis import assume, example, given, strategies as st

from graders import assert_close, assert_equal, assert_refit_forgets, strategies as kst

from . import kata
from .public import blobs, fitted_model, problems


@st.composite
def problems_with_duplicates(draw):
    """Like ``problems`` but sometimes with repeated rows (points that k-means++ must never pick twice)."""
    case = draw(problems(max_k=5))
    if draw(st.booleans()):
        X = case["X"]
        rng = kst.rng_from(draw(kst.seeds()))
        case["X"] = np.concatenate([X, X[rng.integers(len(X), size=len(X))]])
    return case


@kata.check(points=2, hidden=True)
@given(case=problems_with_duplicates())
@example(case={"X": np.array([[0.0, 1.0], [2.0, -1.0]] * 3), "k": 4, "seed": 3}).via("two distinct points, k = 4")
def plusplus_matches_reference(sub, ref, case):
    """kmeans_plusplus draws the same centres as the reference from the same seed (D^2 sampling)"""
    X, k, seed = case["X"], case["k"], case["seed"]
    assert_close(sub.kmeans_plusplus(X, k, seed), ref.kmeans_plusplus(X, k, seed),
                 name=f"kmeans_plusplus(X, k={k}, rng={seed}) with X of shape {X.shape}")


@kata.check(points=2, hidden=True)
@given(case=problems(), seed2=kst.seeds())
def lloyd_step_functions_match_reference(sub, ref, case, seed2):
    """assign_labels, update_centroids (with an empty cluster) and inertia agree with the reference"""
    X, k = case["X"], case["k"]
    rng = kst.rng_from(seed2)
    C = rng.normal(0.0, 4.0, size=(k, X.shape[1]))
    C[-1] = 100.0  # far from every point: an empty cluster when k >= 2
    where = f"X of shape {X.shape}, {k} centroids (the last one far away, so its cluster is empty when k >= 2)"
    labels = sub.assign_labels(X, C)
    expected_labels = ref.assign_labels(X, C)
    assert_equal(labels, expected_labels, name=f"assign_labels with {where}")
    assert_close(sub.update_centroids(X, expected_labels, C), ref.update_centroids(X, expected_labels, C),
                 name=f"update_centroids with {where}")
    assert_close(sub.inertia(X, C, expected_labels), ref.inertia(X, C, expected_labels), name=f"inertia with {where}")


def compare_fit(sub, ref, X, k, seed, X_test, **params):
    call = f"KMeans(n_clusters={k}, seed={seed}" + "".join(f", {a}={v}" for a, v in params.items()) + ")"
    model = fitted_model(sub.KMeans(n_clusters=k, seed=seed, **params), X, call)
    expected = ref.KMeans(n_clusters=k, seed=seed, **params).fit(X)
    where = f"after {call}.fit(X) with X of shape {X.shape}"
    assert_close(model.cluster_centers_, expected.cluster_centers_, name=f"cluster_centers_ {where}")
    assert_equal(model.labels_, expected.labels_, name=f"labels_ {where}")
    assert_close(model.inertia_, expected.inertia_, name=f"inertia_ {where}")
    assert_equal(model.n_iter_, expected.n_iter_, name=f"n_iter_ {where}")
    assert_close(model.inertia_history_, expected.inertia_history_, name=f"inertia_history_ {where}")
    assert_equal(model.predict(X_test), expected.predict(X_test), name=f"predict(X_new) {where}")


@kata.check(points=3, hidden=True, max_examples=15)
@given(case=problems(), max_iter=st.sampled_from([1, 2, 3, 100]), tol=st.sampled_from([0.0, 1e-3]))
def fit_matches_reference(sub, ref, case, max_iter, tol):
    """KMeans.fit gives the reference's centres, labels, inertia, n_iter_ and history"""
    X, k, seed = case["X"], case["k"], case["seed"]
    compare_fit(sub, ref, X, k, seed, X[:3] + 0.5, max_iter=max_iter, tol=tol)


@kata.check(points=1, hidden=True, max_examples=10)
@given(case=problems(min_n=8, max_n=30), seed2=kst.seeds())
def predict_matches_reference_on_new_points(sub, ref, case, seed2):
    """KMeans.predict assigns new points to the nearest fitted centre, like the reference"""
    X, k, seed = case["X"], case["k"], case["seed"]
    X_test = kst.rng_from(seed2).normal(0.0, 5.0, size=(12, X.shape[1]))
    compare_fit(sub, ref, X, k, seed, X_test)


@kata.check(points=1, hidden=True, max_examples=5)
@given(seed=kst.seeds(), seed2=kst.seeds(), max_iter=st.sampled_from([1, 2]))
def labels_come_from_the_final_centroids(sub, ref, seed, seed2, max_iter):
    """After a fit stopped by max_iter, labels_ and inertia_ use the final centroids, like the reference"""
    X = blobs(seed, 30, 2, 4, spread=0.5)  # overlapping clusters: the labels still move after one iteration
    init = ref.kmeans_plusplus(X, 4, seed2)
    assume(not np.array_equal(ref.assign_labels(X, init), ref.KMeans(n_clusters=4, max_iter=max_iter, seed=seed2).fit(X).labels_))
    compare_fit(sub, ref, X, 4, seed2, X[:5], max_iter=max_iter)


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, ends like a fresh KMeans with the same seed"""
    rng = np.random.default_rng(31)
    first = (np.concatenate([rng.normal(c, 0.5, size=(8, 3)) for c in (0.0, 3.0, 6.0, 9.0)]),)
    second = (rng.normal(size=(12, 3)),)
    assert_refit_forgets(lambda: sub.KMeans(n_clusters=4, seed=7), first, second,
                         ["cluster_centers_", "labels_", "inertia_"], name="KMeans",
                         reference=lambda: ref.KMeans(n_clusters=4, seed=7))
