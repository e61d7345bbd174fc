"""A decision-tree classifier built from impurity measures (CART-style binary splits).

Read katas/decision_tree/README.md first. Conventions:
- Labels are non-negative integers. X has shape (n_samples, n_features), float64.
- Candidate thresholds of a feature are the midpoints (a + b) / 2 of consecutive sorted
  unique values of that feature among the node's samples; a sample goes left when x <= t.
- best_split maximises the gain; splits whose gain is within 1e-9 of the maximum count as
  ties, broken by the lowest feature index, then the lowest threshold.
- A tree is nested dicts: a leaf is {"value": label}, an internal node is
  {"feature": j, "threshold": t, "left": node, "right": node}.
"""
from __future__ import annotations

import numpy as np


def entropy(y):
    """Shannon entropy in bits, -sum_k p_k log2 p_k, of the labels y (n,). 0.0 for an empty y."""
    raise NotImplementedError


def gini(y):
    """Gini impurity 1 - sum_k p_k^2 of the labels y (n,). 0.0 for an empty y."""
    raise NotImplementedError


def information_gain(y, y_left, y_right, criterion="gini"):
    """Impurity decrease of splitting the labels y (n,) into y_left and y_right.

    gain = I(y) - len(y_left)/n * I(y_left) - len(y_right)/n * I(y_right),
    with I the entropy (criterion="entropy") or the Gini impurity (criterion="gini").
    """
    raise NotImplementedError


def best_split(X, y, criterion="gini", features=None):
    """The best (feature, threshold, gain) split of X (n, d), y (n,).

    Only the columns in `features` (a sequence of column indices; None means all) are
    considered. Returns (None, None, 0.0) when no considered feature takes two distinct
    values. feature is an int, threshold and gain are floats.
    """
    raise NotImplementedError


class DecisionTreeClassifier:
    """A binary decision tree for classification.

    Parameters
    ----------
    max_depth : int or None, the maximum depth (the root is at depth 0); None means unlimited.
    min_samples_split : int, a node with fewer samples than this becomes a leaf.
    criterion : "gini" or "entropy".

    Fitted attributes
    -----------------
    tree_ : dict, the root node (see the module docstring).
    """

    def __init__(self, max_depth=None, min_samples_split=2, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.criterion = criterion

    def fit(self, X, y):
        """Grow the tree on X (n, d) float64 and integer labels y (n,). Returns self."""
        raise NotImplementedError

    def predict(self, X):
        """Predicted labels for X (m, d): (m,) int64."""
        raise NotImplementedError
