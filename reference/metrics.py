"""Classification metrics: confusion matrix, precision/recall/F1, ROC curve and AUC, log-loss.

Conventions (see katas/metrics/README.md):
- Labels are integers in [0, n_classes); rows of the confusion matrix are true labels, columns predictions.
- A ratio whose denominator is 0 (no predicted or no true sample of a class) is 0.
- Macro F1 is the mean of the per-class F1 scores; weighted averages use the true counts (supports).
- The ROC curve has one point per distinct score (predicted positive when score >= threshold), after (0, 0).
- AUC is the trapezoidal area under that curve: a tied positive/negative pair counts 1/2.
- log_loss clips probabilities to [eps, 1 - eps] and does not renormalise.
"""
from __future__ import annotations

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    """Counts C (n_classes, n_classes) int64: C[i, j] = number of samples with true label i predicted j."""
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)), 1)
    return C


def _ratio(num, den):
    num, den = np.asarray(num, dtype=np.float64), np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    """Precision, recall and F1 of every class (average=None: three (n_classes,) arrays), or averaged:
    "macro" (plain mean over the classes), "weighted" (mean weighted by the true counts), "micro" (from the
    summed counts): three floats."""
    C = confusion_matrix(y_true, y_pred, n_classes)
    tp = np.diag(C).astype(np.float64)
    predicted, support = C.sum(axis=0), C.sum(axis=1)
    if average == "micro":
        p = float(_ratio(tp.sum(), predicted.sum()))
        r = float(_ratio(tp.sum(), support.sum()))
        return p, r, float(_ratio(2 * p * r, p + r))
    precision, recall = _ratio(tp, predicted), _ratio(tp, support)
    f1 = _ratio(2 * precision * recall, precision + recall)
    if average is None:
        return precision, recall, f1
    if average == "macro":
        return float(precision.mean()), float(recall.mean()), float(f1.mean())
    if average == "weighted":
        w = support / support.sum()
        return float(w @ precision), float(w @ recall), float(w @ f1)
    raise ValueError(f"average must be None, 'macro', 'micro' or 'weighted', not {average!r}")


def roc_curve(y_true, scores):
    """ROC curve of binary labels y_true (n,) in {0, 1} (both present) and scores (n,) float64.

    Returns (fpr, tpr, thresholds), each (m + 1,) for m distinct scores: thresholds[0] = inf, then the distinct
    scores in decreasing order; point i predicts positive every sample with score >= thresholds[i].
    """
    y = np.asarray(y_true, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    last_of_group = np.r_[s[1:] != s[:-1], True]                 # the last sample of every tied group
    tp = np.cumsum(y)[last_of_group]
    fp = np.cumsum(1 - y)[last_of_group]
    tpr = np.r_[0.0, tp / y.sum()]
    fpr = np.r_[0.0, fp / (len(y) - y.sum())]
    return fpr, tpr, np.r_[np.inf, s[last_of_group]]


def roc_auc(y_true, scores):
    """Area under the ROC curve (trapezoids): P(score of a random positive > a random negative's), ties 1/2."""
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def log_loss(y_true, proba, eps=1e-15):
    """Mean cross-entropy -log p[i, y_i] of labels y_true (n,) under proba (n, n_classes), clipped to
    [eps, 1 - eps] (no renormalisation)."""
    p = np.clip(np.asarray(proba, dtype=np.float64), eps, 1 - eps)
    y = np.asarray(y_true, dtype=np.int64)
    return float(-np.mean(np.log(p[np.arange(len(y)), y])))
