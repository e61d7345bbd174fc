"""Principal component analysis by SVD of the centred data. See katas/pca/README.md."""
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
        raise NotImplementedError

    def transform(self, X):
        """Coordinates of X (M, D) along the components: (X - mean_) @ components_.T, shape (M, k)."""
        raise NotImplementedError

    def fit_transform(self, X, y=None):
        """fit(X), then transform(X): shape (N, k)."""
        raise NotImplementedError

    def inverse_transform(self, Z):
        """Back to feature space: Z (M, k) @ components_ + mean_, shape (M, D)."""
        raise NotImplementedError