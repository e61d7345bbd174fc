"""Hidden checks for the pca kata: agreement with the reference on well-separated spectra."""
import numpy as np
from hypothesis import assume, given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_refit_forgets, strategies as kst

from . import kata
from .public import FITTED, datasets, fitted_model, make_data, two_datasets


def well_separated(ref, X, rank):
    """True when the first ``rank`` singular values are distinct enough for their components to be well defined."""
    s = ref.PCA().fit(X).singular_values_[:rank]
    return len(s) < 2 or np.min(-np.diff(s)) > 1e-3 * s[0]


def compare_fit(sub, ref, X, k, rank):
    model, where = fitted_model(sub, X, k)
    expected = ref.PCA(n_components=k).fit(X)
    assert_equal(model.n_components_, expected.n_components_, name=f"n_components_ {where}")
    kept = min(expected.n_components_, rank)  # a component beyond the rank of the centred data is arbitrary
    assert_close(model.mean_, expected.mean_, name=f"mean_ {where}")
    assert_close(model.components_[:kept], expected.components_[:kept], name=f"components_[:{kept}] {where}")
    for name in ("explained_variance_", "explained_variance_ratio_", "singular_values_"):
        want = getattr(expected, name)
        got = assert_array(getattr(model, name), name=f"{name} {where}", shape=want.shape)
        assert_close(got[:kept], want[:kept], name=f"{name}[:{kept}] {where}")
        # beyond the rank the exact value is 0: allow the round-off of any sound method (SVD or eigh)
        assert_close(got[kept:], want[kept:], name=f"{name}[{kept}:] {where}", atol=1e-6 * float(want[0]))


@kata.check(points=2, hidden=True)
@given(case=datasets())
def fit_matches_reference(sub, ref, case):
    """mean_, components_ (signs included), explained variance, ratio and singular values agree with the reference"""
    assume(well_separated(ref, case["X"], case["rank"]))
    compare_fit(sub, ref, case["X"], case["n_components"], case["rank"])
    if case["rank"] >= 2:  # and always one truncated fit: its ratio is below 1
        compare_fit(sub, ref, case["X"], 1, case["rank"])


@kata.check(points=1, hidden=True, max_examples=6)
@given(seed=kst.seeds(), d=kst.dims(3, 5), data=st.data())
def wide_data_matches_reference(sub, ref, seed, d, data):
    """With fewer samples than features, n_components=None keeps min(N, D) = N components, like the reference"""
    n = data.draw(kst.dims(2, d - 1), label="n")
    X = make_data(seed, n, d, 5.0)
    assume(well_separated(ref, X, n - 1))
    compare_fit(sub, ref, X, None, n - 1)


@kata.check(points=2, hidden=True)
@given(case=datasets())
def transforms_match_reference(sub, ref, case):
    """transform, fit_transform and inverse_transform agree with the reference on new points"""
    X, k, X_new, rank = case["X"], case["n_components"], case["X_new"], case["rank"]
    k = min(k or rank, rank)
    assume(well_separated(ref, X, rank))
    model, where = fitted_model(sub, X, k)
    expected = ref.PCA(n_components=k).fit(X)
    Z = expected.transform(X_new)
    assert_close(model.transform(X_new), Z, name=f"transform(X_new) {where}")
    assert_close(model.inverse_transform(Z), expected.inverse_transform(Z), name=f"inverse_transform(Z) {where}")
    assert_close(sub.PCA(n_components=k).fit_transform(X), expected.transform(X),
                 name=f"PCA(n_components={k}).fit_transform(X) with X of shape {X.shape}")


@kata.check(points=1, hidden=True)
@given(case=datasets(truncate=False))
def far_from_the_origin_matches_reference(sub, ref, case):
    """Data centred far from the origin (mean around 1e6): components and variances agree with the reference"""
    X = case["X"] + 1e6 * np.linspace(1.0, 2.0, case["X"].shape[1])
    assume(well_separated(ref, X, case["rank"]))
    model, where = fitted_model(sub, X, None)
    expected = ref.PCA().fit(X)
    where += " (mean around 1e6: centre the data itself, not the covariance E[x x^T] - mean mean^T)"
    assert_close(model.explained_variance_, expected.explained_variance_, name=f"explained_variance_ {where}")
    assert_close(model.components_, expected.components_, name=f"components_ {where}")


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, ends like the reference's fresh fit (other data sets)"""
    first, second = two_datasets(51)
    assert_refit_forgets(lambda: sub.PCA(), first, second, FITTED, reference=lambda: ref.PCA(), name="PCA")
