"""Softmax, log-softmax and the cross-entropy loss of integer labels.

Logits are a float64 array of shape (N, C): N examples (rows), C classes
(columns). Every function works row by row and returns new arrays (never
change an input in place). See katas/softmax/README.md.
"""
import numpy as np


def softmax(logits):
    """Row-wise softmax: exp(z_ij) / sum_k exp(z_ik), stable for large logits.

    logits: float64 (N, C). Returns float64 (N, C); every row is positive and sums to 1.
    """
    raise NotImplementedError


def log_softmax(logits):
    """Row-wise log of the softmax: z_ij - logsumexp_k(z_ik), finite even where softmax underflows to 0.

    logits: float64 (N, C). Returns float64 (N, C), every entry <= 0.
    """
    raise NotImplementedError


def cross_entropy(logits, y):
    """Mean cross-entropy of integer labels and its gradient with respect to the logits.

    logits: float64 (N, C); y: int (N,) with values in [0, C).
    Returns (loss, dlogits): loss = -(1/N) sum_i log_softmax(logits)[i, y_i], a float;
    dlogits = d loss / d logits, float64 (N, C).
    """
    raise NotImplementedError
