"""Hidden checks of standardize: random data with constant columns, new data, against the reference."""
from hypothesis import given

from graders import assert_close, expect_tuple, strategies as kst

from . import kata


def _with_constant_column(X, seed):
    X = X.copy()
    X[:, kst.rng_from(seed).integers(0, X.shape[1])] = 3.0
    return X


@kata.check(points=2, hidden=True)
@given(X=kst.arrays(kst.shapes(2, min_side=1, max_side=5), -10.0, 10.0), seed=kst.seeds())
def statistics_match_reference(sub, ref, X, seed):
    """fit_standardizer agrees with the reference, constant columns included"""
    X = _with_constant_column(X, seed)
    mean, std = expect_tuple(sub.fit_standardizer(X), ["mean", "std"], call="fit_standardizer")
    want_mean, want_std = ref.fit_standardizer(X)
    assert_close(mean, want_mean, name="mean")
    assert_close(std, want_std, name="std")


@kata.check(points=2, hidden=True)
@given(X=kst.arrays(kst.shapes(2, min_side=2, max_side=5), -10.0, 10.0), seed=kst.seeds())
def new_data_uses_training_statistics(sub, ref, X, seed):
    """standardize applies given statistics to new data, as the reference does"""
    X = _with_constant_column(X, seed)
    mean, std = ref.fit_standardizer(X)
    new = kst.uniform(kst.rng_from(seed), X.shape, -20.0, 20.0)
    assert_close(sub.standardize(new, mean, std), ref.standardize(new, mean, std), name="standardize(X_new, mean, std)")
