"""majority_vote uses Counter.most_common, so a tie goes to the label seen first (the earliest tree) instead of the smallest."""
from __future__ import annotations

import math

import numpy as np


def majority_vote(predictions):
    """Column-wise majority of integer votes.

    predictions: (n_estimators, n_samples) int array, row t holding tree t's labels.
    Returns (n_samples,) int64: the most frequent label of each column, the smallest on a tie.
    """
    from collections import Counter

    predictions = np.asarray(predictions)
    return np.array([Counter(column.tolist()).most_common(1)[0][0] for column in predictions.T], dtype=np.int64)


class RandomForestClassifier:
    """A random forest classifier.

    Parameters
    ----------
    n_estimators : int, the number of trees.
    max_depth : int or None, the depth limit of every tree (root at depth 0).
    min_samples_split : int, a node with fewer samples becomes a leaf.
    max_features : None (all d features), "sqrt" (max(1, floor(sqrt(d)))) or an int k (1 <= k <= d):
        the number of features drawn at each split.
    bootstrap : bool, train each tree on n rows drawn with replacement (else on all rows).
    criterion : "gini" or "entropy".
    seed : int, the seed of the generator created at the start of every fit.

    Fitted attributes
    -----------------
    estimators_ : list of n_estimators trees (nested dicts), in the order they were grown.
    """

    def __init__(self, n_estimators=10, max_depth=None, min_samples_split=2, max_features="sqrt",
                 bootstrap=True, criterion="gini", seed=0):
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.criterion = criterion
        self.seed = seed

    def _n_features_per_split(self, d):
        if self.max_features is None:
            return d
        if self.max_features == "sqrt":
            return max(1, int(math.sqrt(d)))
        return int(self.max_features)

    def fit(self, X, y):
        """Grow n_estimators trees on X (n, d) float64 and integer labels y (n,). Returns self."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.int64)
        n, d = X.shape
        k = self._n_features_per_split(d)
        rng = np.random.default_rng(self.seed)
        self.estimators_ = []
        for _ in range(self.n_estimators):
            rows = rng.integers(0, n, size=n) if self.bootstrap else np.arange(n)
            self.estimators_.append(self._grow(X[rows], y[rows], 0, k, rng))
        return self

    def _grow(self, X, y, depth, k, rng):
        if (
            np.all(y == y[0])
            or (self.max_depth is not None and depth >= self.max_depth)
            or len(y) < self.min_samples_split
        ):
            return {"value": _majority(y)}
        features = rng.choice(X.shape[1], size=k, replace=False)
        feature, threshold, _ = best_split(X, y, self.criterion, features)
        if feature is None:  # every drawn feature is constant on these samples
            return {"value": _majority(y)}
        left = X[:, feature] <= threshold
        return {
            "feature": feature,
            "threshold": threshold,
            "left": self._grow(X[left], y[left], depth + 1, k, rng),
            "right": self._grow(X[~left], y[~left], depth + 1, k, rng),
        }

    def predict(self, X):
        """Majority vote of the trees for X (m, d): (m,) int64."""
        X = np.asarray(X, dtype=np.float64)
        return majority_vote(np.array([_predict(tree, X) for tree in self.estimators_]))


# -- the decision tree's building blocks (as in the decision_tree kata) ------------------------
TIE_TOL = 1e-9


def best_split(X, y, criterion="gini", features=None):
    """The best (feature, threshold, gain) split of X (n, d), y (n,).

    Only the columns in `features` (a sequence of column indices; None means all) are
    considered. Returns (None, None, 0.0) when no considered feature takes two distinct
    values. feature is an int, threshold and gain are floats.
    """
    X = np.asarray(X, dtype=np.float64)
    _, codes = np.unique(np.asarray(y), return_inverse=True)
    onehot = np.eye(codes.max() + 1)[codes]  # (n, K): one row per sample, one column per class
    columns = range(X.shape[1]) if features is None else sorted(int(j) for j in features)
    candidates = []  # (feature, threshold, gain) in order of feature, then threshold
    for j in columns:
        thresholds, gains = _feature_gains(X[:, j], onehot, criterion)
        candidates += [(j, t, g) for t, g in zip(thresholds.tolist(), gains.tolist())]
    if not candidates:
        return None, None, 0.0
    top = max(gain for _, _, gain in candidates)
    for j, t, gain in candidates:
        if gain >= top - TIE_TOL:
            return int(j), t, gain


def _feature_gains(x, onehot, criterion):
    """Midpoint thresholds of one feature column x (n,) and the gain of each, in increasing order.

    Sorting x once, the left child of the split after sorted position i holds the first i+1
    samples, so cumulative class counts give every candidate's children at once.
    """
    order = np.argsort(x, kind="stable")
    xs = x[order]
    counts = np.cumsum(onehot[order], axis=0)           # counts[i]: classes of the first i+1 samples
    left, total = counts[:-1], counts[-1]               # (n-1, K), (K,)
    right = total - left
    n = len(x)
    n_left = np.arange(1, n)
    impurity = _impurity_of_counts(criterion)
    gains = impurity(total) - n_left / n * impurity(left) - (n - n_left) / n * impurity(right)
    boundary = xs[1:] > xs[:-1]                          # a threshold exists only between distinct values
    return ((xs[:-1] + xs[1:]) / 2)[boundary], gains[boundary]


def _impurity_of_counts(criterion):
    """The impurity function of criterion, applied to class counts (..., K) along the last axis."""
    def proportions(counts):
        return counts / counts.sum(axis=-1, keepdims=True)

    def gini_of_counts(counts):
        return 1.0 - np.sum(proportions(counts) ** 2, axis=-1)

    def entropy_of_counts(counts):
        p = proportions(counts)
        return -np.sum(p * np.log2(np.where(p > 0, p, 1.0)), axis=-1)  # 0 log 0 = 0

    if criterion == "gini":
        return gini_of_counts
    if criterion == "entropy":
        return entropy_of_counts
    raise ValueError(f"criterion must be 'gini' or 'entropy', got {criterion!r}")


def _majority(y):
    """The most frequent label, the smallest one on a tie."""
    return int(np.argmax(np.bincount(np.asarray(y, dtype=np.int64))))


def _predict(node, X):
    if "value" in node:
        return np.full(len(X), node["value"], dtype=np.int64)
    out = np.empty(len(X), dtype=np.int64)
    left = X[:, node["feature"]] <= node["threshold"]
    out[left] = _predict(node["left"], X[left])
    out[~left] = _predict(node["right"], X[~left])
    return out
