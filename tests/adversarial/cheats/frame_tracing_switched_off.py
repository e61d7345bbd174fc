"""Cheat: the looping function switches line tracing off in its own frame (`frame.f_trace = None`).

Its loop body calls no Python function, so no new frame is traced either. The
hidden check that the work does not grow with the data must not pass.
"""
import sys

import numpy as np


def _fill(A, B):
    sys._getframe().f_trace = None
    D = np.empty((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            d = A[i] - B[j]
            D[i, j] = (d @ d) ** 0.5
    return D


_work = _fill  # an alias: a reading of the file that follows calls by name does not follow it


def pairwise_distances(A, B):
    return _work(np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64))


class KNeighborsClassifier:
    def __init__(self, n_neighbors=5):
        self.n_neighbors = n_neighbors

    def fit(self, X, y):
        self.X_train_, self.y_train_ = np.array(X, dtype=np.float64), np.array(y)
        return self

    def kneighbors(self, X):
        D = pairwise_distances(X, self.X_train_)
        indices = np.argsort(D, axis=1, kind="stable")[:, : self.n_neighbors]
        return np.take_along_axis(D, indices, axis=1), indices.astype(np.int64)

    def predict(self, X):
        votes = self.y_train_[self.kneighbors(X)[1]]
        return np.array([np.bincount(row).argmax() for row in votes], dtype=np.int64)  # ties: smallest label
