"""Loss functions and their gradients.

Every loss takes a prediction array and a target array of the same shape (any
shape) and returns ``(loss, grad)``: ``loss`` is the MEAN over all elements, a
float; ``grad`` is d loss / d prediction, a float64 array of the prediction's
shape (so it carries a factor 1 / size).

Inputs are never changed in place. See katas/losses/README.md.
"""
import numpy as np


def mse(pred, target):
    """Mean squared error: mean((pred - target)**2).

    pred, target: float64, same shape. Returns (loss, dpred), dpred = 2 (pred - target) / size.
    """
    raise NotImplementedError


def mae(pred, target):
    """Mean absolute error: mean(|pred - target|).

    Returns (loss, dpred), dpred = sign(pred - target) / size (0 where pred == target).
    """
    raise NotImplementedError


def huber(pred, target, delta=1.0):
    """Huber loss, mean over elements, with r = pred - target:
    0.5 r^2 where |r| <= delta, delta (|r| - 0.5 delta) elsewhere.

    Returns (loss, dpred), dpred = clip(r, -delta, delta) / size.
    """
    raise NotImplementedError


def binary_cross_entropy(p, y):
    """Binary cross-entropy of probabilities: -mean(y log p + (1 - y) log(1 - p)).

    p: float64, values strictly inside (0, 1); y: float64 same shape, values in [0, 1]
    (hard 0/1 labels or soft targets). Returns (loss, dp), dp = (p - y) / (p (1 - p)) / size.
    """
    raise NotImplementedError


def binary_cross_entropy_with_logits(logits, y):
    """Binary cross-entropy of sigmoid(logits), computed stably from the logits.

    logits: float64, any real values; y: float64 same shape in [0, 1].
    loss = mean(max(z, 0) - z y + log(1 + exp(-|z|))). Returns (loss, dlogits),
    dlogits = (sigmoid(z) - y) / size.
    """
    raise NotImplementedError


def hinge(scores, y):
    """Binary hinge loss: mean(max(0, 1 - y * scores)).

    scores: float64; y: float64 same shape with values -1 or +1.
    Returns (loss, dscores), dscores = -y / size where 1 - y * scores > 0, else 0.
    """
    raise NotImplementedError
