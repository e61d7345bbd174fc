"""Cheat: one NumPy call per pair of points, driven by an alias of `map` over a library function.

No line of the submission runs per pair (the loop is map's, in C, and the
function is NumPy's), so a counter of the submission's own lines sees none.
The hidden check that the work does not grow with the data must not pass.
"""
import numpy as np

each = map
norm = np.linalg.norm


def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    pairs = (A[:, None, :] - B[None, :, :]).reshape(-1, A.shape[1])
    return np.fromiter(each(norm, pairs), dtype=np.float64, count=len(pairs)).reshape(len(A), len(B))


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
