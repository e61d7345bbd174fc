"""Divides by the variance instead of the standard deviation."""
import numpy as np


def fit_standardizer(X):
    var = np.var(X, axis=0)
    return np.mean(X, axis=0), np.where(var == 0, 1.0, var)


def standardize(X, mean, std):
    return (X - mean) / std
