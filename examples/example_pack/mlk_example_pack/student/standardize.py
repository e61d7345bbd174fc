"""Standardize features: the statement is mlk_example_pack/standardize/README.md."""
import numpy as np


def fit_standardizer(X):
    """Per-feature mean and population standard deviation of the training data.

    X: float64 (N, D). Returns (mean, std), float64 (D,) each; a column with
    standard deviation 0 gets std = 1.0.
    """
    raise NotImplementedError


def standardize(X, mean, std):
    """(X - mean) / std.

    X: float64 (N, D); mean, std: float64 (D,). Returns float64 (N, D).
    """
    raise NotImplementedError
