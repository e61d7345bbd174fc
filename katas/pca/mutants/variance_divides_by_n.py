"""Mutant: explained_variance_ is S**2 / N (ddof=0) instead of S**2 / (N - 1)."""
import numpy as np


class PCA:
    """Principal component analysis.

    Parameters: n_components (int, or None for min(N, D)).

    Fitted attributes (k = n_components_)
    -------------------------------------
    mean_ : (D,) float64, the per-feature mean of the training data
    components_ : (k, D) float64, orthonormal rows: the principal directions, by decreasing variance;
        sign convention: the entry of largest absolute value of each row is positive
    explained_variance_ : (k,) float64, variance along each component, S**2 / (N - 1)
    explained_variance_ratio_ : (k,) float64, explained_variance_ / total variance (all D directions)
    singular_values_ : (k,) float64, the k largest singular values S of the centred data
    n_components_ : int
    """

    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """Fit on X of shape (N, D), N >= 2; return ``self``."""
        X = np.asarray(X, dtype=np.float64)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else int(self.n_components)
        self.mean_ = X.mean(axis=0)
        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        # Sign convention (scikit-learn's svd_flip with u_based_decision=False):
        # the largest-|value| entry of each component is positive.
        biggest = np.argmax(np.abs(Vt), axis=1)
        signs = np.sign(Vt[np.arange(len(Vt)), biggest])
        Vt = Vt * signs[:, None]
        variance = S**2 / n
        self.n_components_ = k
        self.components_ = Vt[:k]
        self.singular_values_ = S[:k]
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = variance[:k] / variance.sum()
        return self

    def transform(self, X):
        """Coordinates of X (M, D) along the components: (X - mean_) @ components_.T, shape (M, k)."""
        return (np.asarray(X, dtype=np.float64) - self.mean_) @ self.components_.T

    def fit_transform(self, X, y=None):
        """fit(X), then transform(X): shape (N, k)."""
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        """Back to feature space: Z (M, k) @ components_ + mean_, shape (M, D)."""
        return np.asarray(Z, dtype=np.float64) @ self.components_ + self.mean_
