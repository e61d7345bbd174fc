"""Reference solution of the standardize kata."""
import numpy as np


def fit_standardizer(X):
    std = np.std(X, axis=0)
    return np.mean(X, axis=0), np.where(std == 0, 1.0, std)


def standardize(X, mean, std):
    return (X - mean) / std
