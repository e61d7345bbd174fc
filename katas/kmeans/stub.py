"""k-means: k-means++ initialisation and Lloyd's algorithm. See katas/kmeans/README.md."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    """Choose ``k`` initial centroids from the rows of ``X`` with k-means++.

    X : (N, D) float64 data; k : int, 1 <= k <= N;
    rng : a ``np.random.Generator`` or an int seed (passed to ``np.random.default_rng``).

    The first centre is ``X[rng.integers(N)]``. Each next centre is
    ``X[rng.choice(N, p=d2 / d2.sum())]`` where ``d2[i]`` is the squared distance
    from ``X[i]`` to its nearest centre chosen so far (if ``d2.sum() == 0``, the
    next centre is ``X[rng.integers(N)]``). Returns centroids of shape (k, D), float64.
    """
    raise NotImplementedError


def assign_labels(X, centroids):
    """Index of the nearest centroid for each row of ``X``: shape (N,), int64 (ties: the lowest index)."""
    raise NotImplementedError


def update_centroids(X, labels, centroids):
    """New centroids, shape (K, D): the mean of the rows of ``X`` with each label.

    A cluster with no point keeps its current centroid ``centroids[j]``.
    Nothing is changed in place: a new array is returned.
    """
    raise NotImplementedError


def inertia(X, centroids, labels):
    """Sum of squared distances of each row of ``X`` to its assigned centroid (a float)."""
    raise NotImplementedError


class KMeans:
    """k-means clustering: k-means++ initialisation, then Lloyd iterations.

    Parameters: n_clusters (int), max_iter (int), tol (float, stop when the
    total squared centroid shift of an iteration is <= tol), seed (int or
    Generator, for the initialisation).

    Fitted attributes
    -----------------
    cluster_centers_ : (K, D) float64
    labels_ : (N,) int64, nearest centre of each training row (for cluster_centers_)
    inertia_ : float, inertia(X, cluster_centers_, labels_)
    n_iter_ : int, number of Lloyd iterations run
    inertia_history_ : (n_iter_,) float64, inertia after each iteration's update step
    """

    def __init__(self, n_clusters=8, max_iter=100, tol=0.0, seed=0):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.seed = seed

    def fit(self, X, y=None):
        """Cluster ``X`` of shape (N, D); return ``self``.

        centroids = kmeans_plusplus(X, n_clusters, np.random.default_rng(seed)); then for each
        iteration 1..max_iter: labels = assign_labels(X, centroids); new = update_centroids(X, labels,
        centroids); record inertia(X, new, labels); shift = sum((new - centroids)**2);
        centroids = new; stop if shift <= tol. Finally labels_ = assign_labels(X, centroids).
        """
        raise NotImplementedError

    def predict(self, X):
        """Nearest fitted centre of each row of ``X``: shape (M,), int64."""
        raise NotImplementedError
