"""Gradient-boosted regression trees with the squared loss: depth-limited regression trees fitted to residuals,
shrinkage, staged predictions.

Conventions (see katas/gradient_boosting/README.md):
- Split candidates: features in increasing order, thresholds at midpoints of consecutive distinct values, a sample
  goes left when x <= threshold; the best split has the smallest children's sum of squared errors, ties (within
  1e-9) to the lowest feature, then the lowest threshold.
- A node is a leaf at depth >= max_depth, with fewer than min_samples_split samples, when all its targets are equal,
  or when no feature has two distinct values; a leaf predicts the mean of its targets.
- Boosting starts from the mean of y; stage m fits a tree to the residuals y - F and adds learning_rate times it.
"""
from __future__ import annotations

import numpy as np

TIE_TOL = 1e-9


def best_regression_split(X, r):
    """(feature, threshold, sse) of the split of X (n, d) that minimises the sum over both children of the squared
    deviations of r (n,) from the child's mean; (None, None, inf) when no feature has two distinct values."""
    X, r = np.asarray(X, dtype=np.float64), np.asarray(r, dtype=np.float64)
    candidates = []                                               # (sse, feature, threshold) of every candidate
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= threshold
            sse = _sse(r[left]) + _sse(r[~left])
            candidates.append((sse, j, float(threshold)))
    if not candidates:
        return None, None, np.inf
    best = min(c[0] for c in candidates)
    sse, feature, threshold = next(c for c in candidates if c[0] <= best + TIE_TOL)
    return feature, threshold, float(sse)


def _sse(values):
    return float(np.sum((values - values.mean()) ** 2)) if len(values) else 0.0


class RegressionTree:
    """A regression tree grown to max_depth by best_regression_split; tree_ is nested dicts (see the README)."""

    def __init__(self, max_depth=3, min_samples_split=2):
        self.max_depth, self.min_samples_split = max_depth, min_samples_split

    def fit(self, X, r):
        """Grow the tree on X (n, d) and targets r (n,). Returns self."""
        self.tree_ = self._grow(np.asarray(X, dtype=np.float64), np.asarray(r, dtype=np.float64), 0)
        return self

    def _grow(self, X, r, depth):
        if depth >= self.max_depth or len(r) < self.min_samples_split or np.all(r == r[0]):
            return {"value": float(r.mean())}
        feature, threshold, _ = best_regression_split(X, r)
        if feature is None:
            return {"value": float(r.mean())}
        left = X[:, feature] <= threshold
        return {"feature": feature, "threshold": threshold,
                "left": self._grow(X[left], r[left], depth + 1), "right": self._grow(X[~left], r[~left], depth + 1)}

    def predict(self, X):
        """Leaf values (m,) float64 of the rows of X (m, d)."""
        return predict_tree(self.tree_, X)


def predict_tree(tree, X):
    """The values (m,) of the leaves that the rows of X (m, d) reach in the nested-dict tree."""
    X = np.asarray(X, dtype=np.float64)
    out = np.empty(len(X))
    for i, x in enumerate(X):
        node = tree
        while "value" not in node:
            node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
        out[i] = node["value"]
    return out


class GradientBoostingRegressor:
    """Squared-loss gradient boosting: F_0 = mean(y), F_m = F_{m-1} + learning_rate * tree_m(X), tree_m fitted to
    the residuals y - F_{m-1} (the negative gradient of (y - F)^2 / 2)."""

    def __init__(self, n_estimators=100, learning_rate=0.1, max_depth=3, min_samples_split=2):
        self.n_estimators, self.learning_rate = n_estimators, learning_rate
        self.max_depth, self.min_samples_split = max_depth, min_samples_split

    def fit(self, X, y):
        """Fit on X (n, d), y (n,). Sets init_ (float) and trees_ (list of n_estimators nested dicts). Returns self."""
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
        self.init_ = float(y.mean())
        self.trees_ = []
        F = np.full(len(y), self.init_)
        for _ in range(self.n_estimators):
            tree = RegressionTree(self.max_depth, self.min_samples_split).fit(X, y - F)
            F = F + self.learning_rate * tree.predict(X)
            self.trees_.append(tree.tree_)
        return self

    def staged_predict(self, X):
        """Predictions (n_estimators, m) float64: row k is the prediction with the first k + 1 trees."""
        F = np.full(len(X), self.init_)
        stages = []
        for tree in self.trees_:
            F = F + self.learning_rate * predict_tree(tree, X)
            stages.append(F)
        return np.array(stages).reshape(len(self.trees_), len(X))

    def predict(self, X):
        """Predictions (m,) float64 with every tree."""
        return self.staged_predict(X)[-1] if self.trees_ else np.full(len(X), self.init_)
