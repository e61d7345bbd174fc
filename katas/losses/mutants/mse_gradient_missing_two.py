"""Mutant: mse's gradient is (pred - target) / size, forgetting the 2 from the derivative of the square."""
import numpy as np


def mse(pred, target):
    """Mean squared error: mean((pred - target)**2).

    pred, target: float64, same shape. Returns (loss, dpred), dpred = 2 (pred - target) / size.
    """
    r = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(np.mean(r * r)), r / r.size


def mae(pred, target):
    """Mean absolute error: mean(|pred - target|).

    Returns (loss, dpred), dpred = sign(pred - target) / size (0 where pred == target).
    """
    r = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    return float(np.mean(np.abs(r))), np.sign(r) / r.size


def huber(pred, target, delta=1.0):
    """Huber loss, mean over elements, with r = pred - target:
    0.5 r^2 where |r| <= delta, delta (|r| - 0.5 delta) elsewhere.

    Returns (loss, dpred), dpred = clip(r, -delta, delta) / size.
    """
    r = np.asarray(pred, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    a = np.abs(r)
    small = a <= delta
    losses = np.where(small, 0.5 * r * r, delta * (a - 0.5 * delta))
    return float(np.mean(losses)), np.where(small, r, delta * np.sign(r)) / r.size


def binary_cross_entropy(p, y):
    """Binary cross-entropy of probabilities: -mean(y log p + (1 - y) log(1 - p)).

    p: float64, values strictly inside (0, 1); y: float64 same shape, values in [0, 1]
    (hard 0/1 labels or soft targets). Returns (loss, dp), dp = (p - y) / (p (1 - p)) / size.
    """
    p = np.asarray(p, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    loss = -np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p))
    return float(loss), (p - y) / (p * (1.0 - p)) / p.size


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def binary_cross_entropy_with_logits(logits, y):
    """Binary cross-entropy of sigmoid(logits), computed stably from the logits.

    logits: float64, any real values; y: float64 same shape in [0, 1].
    loss = mean(max(z, 0) - z y + log(1 + exp(-|z|))). Returns (loss, dlogits),
    dlogits = (sigmoid(z) - y) / size.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    losses = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(losses)), (_sigmoid(z) - y) / z.size


def hinge(scores, y):
    """Binary hinge loss: mean(max(0, 1 - y * scores)).

    scores: float64; y: float64 same shape with values -1 or +1.
    Returns (loss, dscores), dscores = -y / size where 1 - y * scores > 0, else 0.
    """
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    margins = 1.0 - y * s
    return float(np.mean(np.maximum(margins, 0.0))), np.where(margins > 0, -y, 0.0) / s.size
