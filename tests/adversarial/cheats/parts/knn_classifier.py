"""The honest rest of the knn kata, appended to the knn cheats that stand for it with a __HONEST_PART__ line."""
import numpy as np


class KNeighborsClassifier:
    def __init__(self, n_neighbors=5):
        self.n_neighbors = n_neighbors

    def fit(self, X, y):
        self.X_train_, self.y_train_ = np.array(X, dtype=np.float64), np.array(y)
        return self

    def kneighbors(self, X):
        D = pairwise_distances(X, self.X_train_)  # noqa: F821 - defined by the cheat this is appended to
        indices = np.argsort(D, axis=1, kind="stable")[:, : self.n_neighbors]
        return np.take_along_axis(D, indices, axis=1), indices.astype(np.int64)

    def predict(self, X):
        votes = self.y_train_[self.kneighbors(X)[1]]
        return np.array([np.bincount(row).argmax() for row in votes], dtype=np.int64)  # ties: smallest label
