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
