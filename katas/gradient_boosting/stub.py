"""Gradient-boosted regression trees with the squared loss: depth-limited regression trees fitted to residuals,
shrinkage, staged predictions.

Read katas/gradient_boosting/README.md first. Conventions:
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
    raise NotImplementedError


class RegressionTree:
    """A regression tree grown to max_depth by best_regression_split; tree_ is nested dicts (see the README)."""

    def __init__(self, max_depth=3, min_samples_split=2):
        self.max_depth, self.min_samples_split = max_depth, min_samples_split

    def fit(self, X, r):
        """Grow the tree on X (n, d) and targets r (n,). Returns self."""
        raise NotImplementedError

    def predict(self, X):
        """Leaf values (m,) float64 of the rows of X (m, d)."""
        raise NotImplementedError


def predict_tree(tree, X):
    """The values (m,) of the leaves that the rows of X (m, d) reach in the nested-dict tree."""
    raise NotImplementedError


class GradientBoostingRegressor:
    """Squared-loss gradient boosting: F_0 = mean(y), F_m = F_{m-1} + learning_rate * tree_m(X), tree_m fitted to
    the residuals y - F_{m-1} (the negative gradient of (y - F)^2 / 2)."""

    def __init__(self, n_estimators=100, learning_rate=0.1, max_depth=3, min_samples_split=2):
        self.n_estimators, self.learning_rate = n_estimators, learning_rate
        self.max_depth, self.min_samples_split = max_depth, min_samples_split

    def fit(self, X, y):
        """Fit on X (n, d), y (n,). Sets init_ (float) and trees_ (list of n_estimators nested dicts). Returns self."""
        raise NotImplementedError

    def staged_predict(self, X):
        """Predictions (n_estimators, m) float64: row k is the prediction with the first k + 1 trees."""
        raise NotImplementedError

    def predict(self, X):
        """Predictions (m,) float64 with every tree."""
        raise NotImplementedError
