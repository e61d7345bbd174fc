"""Classification metrics: confusion matrix, precision/recall/F1, ROC curve and AUC, log-loss.

Read katas/metrics/README.md first. Conventions:
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
    raise NotImplementedError


def precision_recall_f1(y_true, y_pred, n_classes, average=None):
    """Precision, recall and F1 of every class (average=None: three (n_classes,) arrays), or averaged:
    "macro" (plain mean over the classes), "weighted" (mean weighted by the true counts), "micro" (from the
    summed counts): three floats."""
    raise NotImplementedError


def roc_curve(y_true, scores):
    """ROC curve of binary labels y_true (n,) in {0, 1} (both present) and scores (n,) float64.

    Returns (fpr, tpr, thresholds), each (m + 1,) for m distinct scores: thresholds[0] = inf, then the distinct
    scores in decreasing order; point i predicts positive every sample with score >= thresholds[i].
    """
    raise NotImplementedError


def roc_auc(y_true, scores):
    """Area under the ROC curve (trapezoids): P(score of a random positive > a random negative's), ties 1/2."""
    raise NotImplementedError


def log_loss(y_true, proba, eps=1e-15):
    """Mean cross-entropy -log p[i, y_i] of labels y_true (n,) under proba (n, n_classes), clipped to
    [eps, 1 - eps] (no renormalisation)."""
    raise NotImplementedError
