"""Hidden checks for knn: comparisons with the reference, ties on integer grids, vectorised work."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, assert_vectorised, expect_tuple, strategies as kst

from . import kata
from .public import DIST_ATOL, knn_data, refit_predicts_like_a_fresh_fit


@kata.check(points=1, hidden=True)
@given(n_a=kst.dims(1, 8), n_b=kst.dims(1, 8), d=kst.dims(1, 6), seed=kst.seeds(), scale=st.sampled_from([1.0, 100.0]))
def pairwise_distances_matches_reference(sub, ref, n_a, n_b, d, seed, scale):
    """pairwise_distances matches the reference"""
    rng = kst.rng_from(seed)
    A, B = scale * rng.standard_normal((n_a, d)), scale * rng.standard_normal((n_b, d))
    assert_close(sub.pairwise_distances(A, B), ref.pairwise_distances(A, B), atol=DIST_ATOL * scale,
                 name=f"pairwise_distances(A {A.shape}, B {B.shape}) at scale {scale:g}")


@kata.check(points=2, hidden=True)
@given(data=st.data())
def kneighbors_matches_reference_with_ties(sub, ref, data):
    """kneighbors matches the reference on grid points with many equal distances"""
    # 40 points at distances 2, 1, 0, 1, 2, 2, 1, ...: more than the 16 that NumPy's default sort keeps in order
    # on CPUs without SIMD sorting, so an unstable sort shows here on every machine.
    X, y, Q = (np.arange(40) % 5 - 2.0)[:, None], np.zeros(40, np.int64), np.zeros((1, 1))
    _, idx = expect_tuple(sub.KNeighborsClassifier(n_neighbors=40).fit(X, y).kneighbors(Q),
                          ["distances", "indices"], call="kneighbors")
    assert_equal(idx, ref.KNeighborsClassifier(n_neighbors=40).fit(X, y).kneighbors(Q)[1],
                 name="kneighbors indices of the 40 training points -2, -1, 0, 1, 2, -2, -1, ... around the query 0 "
                      "(k=40): equal distances keep the smaller training index first")
    X, y, Q = knn_data(data.draw, n_max=30, grid=True)
    k = data.draw(st.integers(1, len(X)))
    dist, idx = expect_tuple(sub.KNeighborsClassifier(n_neighbors=k).fit(X, y).kneighbors(Q),
                             ["distances", "indices"], call="kneighbors")
    e_dist, e_idx = ref.KNeighborsClassifier(n_neighbors=k).fit(X, y).kneighbors(Q)
    what = f"(k={k}, X_train =\n{X}\nqueries =\n{Q})"
    assert_equal(idx, e_idx, name=f"kneighbors indices: equal distances keep the smaller training index first {what}")
    assert_close(dist, e_dist, atol=DIST_ATOL, name="kneighbors distances")


@kata.check(points=2, hidden=True)
@given(data=st.data())
def predict_matches_reference_with_ties(sub, ref, data):
    """predict matches the reference, vote ties and distance ties included"""
    X, y, Q = knn_data(data.draw, n_max=30, grid=data.draw(st.booleans()))
    for k in sorted({1, 2, 4, min(len(X), 5)}):
        if k > len(X):
            continue
        got = sub.KNeighborsClassifier(n_neighbors=k).fit(X, y).predict(Q)
        expected = ref.KNeighborsClassifier(n_neighbors=k).fit(X, y).predict(Q)
        assert_equal(got, expected, name=f"predict(queries) with n_neighbors={k}, y_train = {y.tolist()}, "
                                         f"X_train =\n{X}\nqueries =\n{Q}\n")


@kata.check(points=1, hidden=True, max_examples=1)
@given(seed=kst.seeds())
def predict_work_does_not_grow_with_training_points(sub, ref, seed):
    """fit + predict run as many lines of Python with 160 training points as with 20"""
    rng = kst.rng_from(seed)
    queries = rng.standard_normal((8, 3))

    def fit_and_predict(n):
        X, y = rng.standard_normal((n, 3)), rng.permutation(np.arange(n) % 3)  # the same 3 classes at both sizes
        sub.KNeighborsClassifier(n_neighbors=5).fit(X, y).predict(queries)

    assert_vectorised(sub, fit_and_predict, (20, 160), what="{n} training points",
                      advice="Compute the whole distance matrix at once and select neighbours with "
                             "np.argsort(..., axis=1, kind='stable'): no Python loop over training points or pairs.")


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, predicts like a fresh classifier (other points)"""
    refit_predicts_like_a_fresh_fit(sub, seed=41)
