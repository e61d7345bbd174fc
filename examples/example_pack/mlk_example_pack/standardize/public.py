"""Public checks of standardize: frozen worked example and the defining property."""
import numpy as np
from hypothesis import given

from graders import assert_close, expect_tuple, strategies as kst

from . import kata


@kata.frozen
def worked_example(ref):
    """A small matrix with a constant column, and the reference's statistics and output."""
    X = np.array([[1.0, 10.0, 5.0], [2.0, 20.0, 5.0], [6.0, 30.0, 5.0]])
    mean, std = ref.fit_standardizer(X)
    return {"X": X, "mean": mean, "std": std, "Z": ref.standardize(X, mean, std)}


@kata.check(points=2)
def matches_worked_example(sub, ref):
    """fit_standardizer and standardize give the expected values on a worked example"""
    case = kata.frozen_value("worked_example")
    mean, std = expect_tuple(sub.fit_standardizer(case["X"]), ["mean", "std"], call="fit_standardizer")
    assert_close(mean, case["mean"], name="mean")
    assert_close(std, case["std"], name="std (the constant column gets 1.0)")
    assert_close(sub.standardize(case["X"], case["mean"], case["std"]), case["Z"], name="standardize(X, mean, std)")


@kata.check(points=2)
@given(X=kst.arrays(kst.shapes(2, min_side=2, max_side=5), -10.0, 10.0))
def standardized_columns_have_mean_0_and_std_1(sub, ref, X):
    """standardize(X, *fit_standardizer(X)) has columns of mean 0 and standard deviation 1"""
    mean, std = expect_tuple(sub.fit_standardizer(X), ["mean", "std"], call="fit_standardizer")
    Z = sub.standardize(X, mean, std)
    assert_close(np.asarray(Z).mean(axis=0), np.zeros(X.shape[1]), name="the column means of the standardized X")
    assert_close(np.asarray(Z).std(axis=0), np.ones(X.shape[1]), name="the column standard deviations")
