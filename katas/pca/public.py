"""Public checks for the pca kata: a worked example and properties of the fitted model (no reference)."""
import numpy as np
from hypothesis import given, strategies as st

from graders import (assert_array, assert_close, assert_equal, assert_refit_forgets, expect_fitted, fail,
                     strategies as kst)

from . import kata

# README's worked example: five points on the line (3, -1) + t * (1, 2), t = -2..2.
T_LINE = np.arange(-2.0, 3.0)
X_LINE = np.array([3.0, -1.0]) + T_LINE[:, None] * np.array([1.0, 2.0])


def make_data(seed, n, d, offset):
    """N points in D dimensions with distinct spreads along random orthogonal directions, shifted by ``offset``."""
    rng = kst.rng_from(seed)
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    spreads = 3.0 * 0.5 ** np.arange(d)
    return (rng.standard_normal((n, d)) * spreads) @ q.T + offset * rng.standard_normal(d)


@st.composite
def datasets(draw, truncate=True):
    """Data X (N, D), a number of components (None, all, or fewer) and new points.

    Usually N >= D + 2; with ``truncate`` sometimes wide data (N < D), whose centred
    matrix has rank N - 1 (its last component is then arbitrary).
    """
    wide = truncate and draw(st.booleans()) and draw(st.booleans())
    if wide:
        d = draw(kst.dims(3, 5))
        n = draw(kst.dims(2, d - 1))
    else:
        d = draw(kst.dims(1, 4))
        n = draw(kst.dims(d + 2, d + 10))
    X = make_data(draw(kst.seeds()), n, d, draw(st.sampled_from([0.0, 5.0])))
    k = draw(st.one_of(st.none(), st.integers(1, min(n, d)))) if truncate else None
    X_new = make_data(draw(kst.seeds()), 4, d, 5.0)
    return {"X": X, "n_components": k, "X_new": X_new, "rank": min(n - 1, d)}


def fitted_model(sub, X, n_components):
    call = f"PCA(n_components={n_components})"
    fitted = expect_fitted(sub.PCA(n_components=n_components).fit(X), call=f"{call}.fit(X)",
                           then="PCA(...).fit(X).transform(X)")
    return fitted, f"after {call}.fit(X) with X of shape {X.shape}"


@kata.check(points=1)
@given(case=st.just(None))
def worked_example_points_on_a_line(sub, ref, case):
    """Points on a line: one component along the line, all the variance, the README's numbers"""
    model, where = fitted_model(sub, X_LINE, 1)
    where += " (the README's points on a line)"
    assert_equal(model.n_components_, 1, name=f"n_components_ {where}")
    assert_close(model.mean_, np.array([3.0, -1.0]), name=f"mean_ {where}")
    direction = np.array([[1.0, 2.0]]) / np.sqrt(5.0)
    components = assert_array(model.components_, name=f"components_ {where}", shape=(1, 2))
    if np.allclose(components, -direction):
        fail(f"components_ {where} is {components.tolist()}: the right direction with the wrong sign. The entry of "
             "largest absolute value of each component must be positive (here 2/sqrt(5)).")
    assert_close(components, direction, name=f"components_ {where}")
    assert_close(model.explained_variance_, np.array([12.5]), name=f"explained_variance_ {where}")
    assert_close(model.explained_variance_ratio_, np.array([1.0]), name=f"explained_variance_ratio_ {where}")
    assert_close(model.singular_values_, np.array([np.sqrt(50.0)]), name=f"singular_values_ {where}")
    assert_close(model.transform(X_LINE), np.sqrt(5.0) * T_LINE[:, None], name=f"transform(X) {where}")
    far = X_LINE + 1e8  # the same line, far from the origin: centring first keeps every digit
    model, where = fitted_model(sub, far, 1)
    where += " (the README's points on a line, shifted by 1e8 along both axes)"
    assert_close(model.explained_variance_, np.array([12.5]),
                 name=f"explained_variance_ {where}; centre X before the SVD: X.T @ X / N - outer(mean_, mean_) "
                      "cancels catastrophically this far from the origin")
    assert_close(model.components_, direction, name=f"components_ {where}")


@kata.check(points=1)
@given(case=datasets())
def components_are_orthonormal(sub, ref, case):
    """components_ has k orthonormal rows (k = n_components, or min(N, D) when None)"""
    X, k = case["X"], case["n_components"]
    n, d = X.shape
    model, where = fitted_model(sub, X, k)
    k_expected = min(n, d) if k is None else k
    assert_equal(model.n_components_, k_expected, name=f"n_components_ {where}")
    C = assert_array(model.components_, name=f"components_ {where}", shape=(k_expected, d))
    assert_close(C @ C.T, np.eye(k_expected), name=f"components_ @ components_.T {where} (rows must be orthonormal)")


@kata.check(points=1)
@given(case=datasets())
def largest_entry_of_each_component_is_positive(sub, ref, case):
    """Sign convention: the entry of largest absolute value of each component is positive"""
    X, k = case["X"], case["n_components"]
    model, where = fitted_model(sub, X, k)
    C = assert_array(model.components_, name=f"components_ {where}", shape=(model.n_components_, X.shape[1]))
    biggest = C[np.arange(len(C)), np.argmax(np.abs(C), axis=1)]
    if np.any(biggest <= 0):
        i = int(np.argmax(biggest <= 0))
        fail(f"components_ {where}: row {i} = {C[i].tolist()} has its largest-magnitude entry negative. SVD signs are "
             "arbitrary; flip each row (and the matching column of U) so that this entry is positive.")


@kata.check(points=2)
@given(case=datasets())
def explained_variance_is_the_variance_of_the_scores(sub, ref, case):
    """explained_variance_ is the variance (ddof=1) of transform(X), decreasing; the ratio divides by the total"""
    X, k = case["X"], case["n_components"]
    n = len(X)
    model, where = fitted_model(sub, X, k)
    kk = model.n_components_
    Z = assert_array(model.transform(X), name=f"transform(X) {where}", shape=(n, kk))
    assert_close(Z.mean(axis=0), np.zeros(kk), name=f"the column means of transform(X) {where} (the scores are centred)",
                 atol=1e-9)
    ev = assert_array(model.explained_variance_, name=f"explained_variance_ {where}", shape=(kk,))
    assert_close(ev, Z.var(axis=0, ddof=1),
                 name=f"explained_variance_ {where} vs the variance with ddof=1 (divide by N - 1) of each column of transform(X)")
    if np.any(np.diff(ev) > 1e-12 * ev[0]):
        fail(f"explained_variance_ {where} is not in decreasing order: {ev.tolist()}.")
    assert_close(model.singular_values_, np.sqrt(ev * (n - 1)),
                 name=f"singular_values_ {where} (explained_variance_ = singular_values_**2 / (N - 1))")
    total = np.var(X, axis=0, ddof=1).sum()
    assert_close(model.explained_variance_ratio_, ev / total,
                 name=f"explained_variance_ratio_ {where} (explained_variance_ divided by the TOTAL variance of X, "
                      "summed over all features, not only over the kept components)")


@kata.check(points=1)
@given(case=datasets(truncate=False))
def full_rank_round_trip_reconstructs_the_data(sub, ref, case):
    """With every component kept, inverse_transform(transform(X)) gives X back, for new points too"""
    X, X_new = case["X"], case["X_new"]
    model, where = fitted_model(sub, X, None)
    C = assert_array(model.components_, name=f"components_ {where}", shape=(X.shape[1], X.shape[1]))
    mean = assert_array(model.mean_, name=f"mean_ {where}", shape=(X.shape[1],))
    Z = model.transform(X_new)
    assert_close(Z, (X_new - mean) @ C.T, name=f"transform(X_new) {where} (centre with mean_, then project)")
    assert_close(model.inverse_transform(Z), X_new,
                 name=f"inverse_transform(transform(X_new)) {where} (project back, then add mean_)")


@kata.check(points=2)
@given(case=datasets())
def truncation_loses_exactly_the_discarded_variance(sub, ref, case):
    """Keeping k components, the squared reconstruction error is (N-1) times the variance left out"""
    X, k = case["X"], case["n_components"]
    n, d = X.shape
    k = min(n, d) if k is None else k
    full, where_full = fitted_model(sub, X, None)
    ev_all = assert_array(full.explained_variance_, name=f"explained_variance_ {where_full}", shape=(min(n, d),))
    model, where = fitted_model(sub, X, k)
    X_back = assert_array(model.inverse_transform(model.transform(X)), name=f"inverse_transform(transform(X)) {where}",
                          shape=(n, d))
    assert_close(np.sum((X - X_back) ** 2), (n - 1) * ev_all[k:].sum(),
                 name=f"sum of squared reconstruction errors {where} (should be N-1 times the sum of the "
                      "explained_variance_ of the discarded components of a full fit)", atol=1e-9)
    assert_close(model.explained_variance_ratio_, full.explained_variance_ratio_[:k],
                 name=f"explained_variance_ratio_ {where} vs the first {k} of a full fit")


FITTED = ["n_components_", "mean_", "components_", "singular_values_", "explained_variance_",
          "explained_variance_ratio_"]


def two_datasets(seed):
    """Two small data sets with a different number of features (3, then 2), as argument tuples of fit."""
    return [(make_data(seed, 8, 3, 5.0),), (make_data(seed + 1, 6, 2, 0.0),)]


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1), fit(X2), fit(X1) on one PCA() ends exactly like fresh fits, also with another number of features"""
    first, second = two_datasets(8)
    assert_refit_forgets(lambda: sub.PCA(), first, second, FITTED, name="PCA")
