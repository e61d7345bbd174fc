"""A random forest of decision trees: bootstrap samples, per-split feature subsampling, majority vote.

Read katas/random_forest/README.md first. Conventions:
- Trees use the decision_tree kata's rules: midpoint thresholds, x <= t goes left, ties within
  1e-9 broken by the lowest feature then the lowest threshold, the same leaf conditions, and
  the same nested-dict format ({"value": label} or {"feature", "threshold", "left", "right"}).
- All randomness comes from rng = np.random.default_rng(seed), created at the start of fit, and
  is drawn in exactly this order: for each tree in turn, the bootstrap rows
  rng.integers(0, n, size=n) (only when bootstrap=True), then, growing the tree depth-first
  (left subtree before right), one rng.choice(d, size=k, replace=False) at every node that is
  not made a leaf by the purity / depth / min_samples_split conditions.
- predict is a hard majority vote of the trees, ties broken by the smallest label.

You may reuse your own decision tree: student/decision_tree.py sits in the same folder, so
`from decision_tree import best_split` works here.
"""
from __future__ import annotations

import math

import numpy as np


def majority_vote(predictions):
    """Column-wise majority of integer votes.

    predictions: (n_estimators, n_samples) int array, row t holding tree t's labels.
    Returns (n_samples,) int64: the most frequent label of each column, the smallest on a tie.
    """
    raise NotImplementedError


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

    def fit(self, X, y):
        """Grow n_estimators trees on X (n, d) float64 and integer labels y (n,). Returns self."""
        raise NotImplementedError

    def predict(self, X):
        """Majority vote of the trees for X (m, d): (m,) int64."""
        raise NotImplementedError
