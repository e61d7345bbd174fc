"""Cheat: a double loop hidden from both loop detectors.

The loop is in a string (so reading the file finds no `for` in pairwise_distances)
and it turns the line tracer off (so counting lines would see none run). The
correct distances earn the correctness checks honestly; the hidden check that
the work does not grow with the data must not pass.
"""
from __future__ import annotations

import sys

import numpy as np

LOOP = """
D = np.empty((len(A), len(B)))
for i in range(len(A)):
    for j in range(len(B)):
        D[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
"""


def pairwise_distances(A, B):
    sys.settrace(None)
    scope = {"np": np, "A": np.asarray(A, dtype=np.float64), "B": np.asarray(B, dtype=np.float64)}
    exec(LOOP, scope)
    return scope["D"]


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
        self.X_train_ = np.array(X, dtype=np.float64)
        self.y_train_ = np.array(y)
        return self

    def kneighbors(self, X):
        """The k nearest training points of each row of X (m, d).

        Returns (distances, indices), both (m, k): distances float64 in increasing order along
        each row, indices int64 into the training set; equal distances keep the smaller index first.
        """
        D = pairwise_distances(X, self.X_train_)                               # (m, n)
        indices = np.argsort(D, axis=1, kind="stable")[:, : self.n_neighbors]  # (m, k)
        return np.take_along_axis(D, indices, axis=1), indices.astype(np.int64)

    def predict(self, X):
        """Labels (m,) int64: the most frequent label among the k neighbours, the smallest on a tie."""
        _, indices = self.kneighbors(X)
        votes = self.y_train_[indices]                                       # (m, k)
        labels = np.unique(self.y_train_)                                    # sorted
        counts = (votes[:, :, None] == labels[None, None, :]).sum(axis=1)    # (m, n_labels)
        return labels[np.argmax(counts, axis=1)].astype(np.int64)           # first max = smallest label
