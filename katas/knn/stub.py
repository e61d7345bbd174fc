"""k-nearest neighbours classification with vectorised Euclidean distances.

Read katas/knn/README.md first. Conventions:
- Points are rows: A (n_a, d), B (n_b, d), X (m, d), float64.
- pairwise_distances is computed without any Python loop (broadcasting or the expansion
  ||a||^2 - 2 a.b + ||b||^2, clipped at 0 before the square root).
- Neighbours are sorted by distance, ties by the smaller training index (a stable sort).
- predict takes a majority vote of the k neighbours' labels, ties broken by the smallest label.
"""
from __future__ import annotations

import numpy as np


def pairwise_distances(A, B):
    """Euclidean distances between the rows of A (n_a, d) and the rows of B (n_b, d).

    Returns D (n_a, n_b) float64 with D[i, j] = ||A[i] - B[j]||_2. No Python loops.
    """
    raise NotImplementedError


class KNeighborsClassifier:
    """Majority vote of the k nearest training points.

    Parameters
    ----------
    n_neighbors : int, k (1 <= k <= number of training points).

    fit(X, y) stores copies of the training points X (n, d) and integer labels y (n,).
    """

    def __init__(self, n_neighbors=5):
        self.n_neighbors = n_neighbors

    def fit(self, X, y):
        """Remember the training data X (n, d) float64 and labels y (n,) int. Returns self."""
        raise NotImplementedError

    def kneighbors(self, X):
        """The k nearest training points of each row of X (m, d).

        Returns (distances, indices), both (m, k): distances float64 in increasing order along
        each row, indices int64 into the training set; equal distances keep the smaller index first.
        """
        raise NotImplementedError

    def predict(self, X):
        """Labels (m,) int64: the most frequent label among the k neighbours, the smallest on a tie."""
        raise NotImplementedError
