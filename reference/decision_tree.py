"""A decision-tree classifier built from impurity measures (CART-style binary splits).

Conventions (see katas/decision_tree/README.md):
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

TIE_TOL = 1e-9


def _proportions(y):
    """Class proportions of the labels present in y (an empty y has none)."""
    counts = np.bincount(np.asarray(y, dtype=np.int64))
    counts = counts[counts > 0]
    return counts / counts.sum() if counts.size else counts.astype(np.float64)


def entropy(y):
    """Shannon entropy in bits, -sum_k p_k log2 p_k, of the labels y (n,). 0.0 for an empty y."""
    p = _proportions(y)
    return float(-np.sum(p * np.log2(p))) + 0.0  # + 0.0 turns -0.0 into 0.0


def gini(y):
    """Gini impurity 1 - sum_k p_k^2 of the labels y (n,). 0.0 for an empty y."""
    p = _proportions(y)
    return float(1.0 - np.sum(p ** 2)) if p.size else 0.0


def _impurity(criterion):
    if criterion == "gini":
        return gini
    if criterion == "entropy":
        return entropy
    raise ValueError(f"criterion must be 'gini' or 'entropy', got {criterion!r}")


def information_gain(y, y_left, y_right, criterion="gini"):
    """Impurity decrease of splitting the labels y (n,) into y_left and y_right.

    gain = I(y) - len(y_left)/n * I(y_left) - len(y_right)/n * I(y_right),
    with I the entropy (criterion="entropy") or the Gini impurity (criterion="gini").
    """
    impurity = _impurity(criterion)
    n = len(y)
    return float(impurity(y) - len(y_left) / n * impurity(y_left) - len(y_right) / n * impurity(y_right))


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
        self.tree_ = self._grow(np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64), 0)
        return self

    def _grow(self, X, y, depth):
        if (
            np.all(y == y[0])
            or (self.max_depth is not None and depth >= self.max_depth)
            or len(y) < self.min_samples_split
        ):
            return {"value": _majority(y)}
        feature, threshold, _ = best_split(X, y, self.criterion)
        if feature is None:  # every feature is constant on these samples
            return {"value": _majority(y)}
        left = X[:, feature] <= threshold
        return {
            "feature": feature,
            "threshold": threshold,
            "left": self._grow(X[left], y[left], depth + 1),
            "right": self._grow(X[~left], y[~left], depth + 1),
        }

    def predict(self, X):
        """Predicted labels for X (m, d): (m,) int64."""
        return _predict(self.tree_, np.asarray(X, dtype=np.float64))


def _predict(node, X):
    if "value" in node:
        return np.full(len(X), node["value"], dtype=np.int64)
    out = np.empty(len(X), dtype=np.int64)
    left = X[:, node["feature"]] <= node["threshold"]
    out[left] = _predict(node["left"], X[left])
    out[~left] = _predict(node["right"], X[~left])
    return out
