"""Model compression: int8 affine quantization (per tensor and per channel), magnitude pruning, and the
knowledge-distillation loss with temperature, forward and backward.

Conventions (see katas/compression/README.md):
- int8: q in [-128, 127]; the range [min(x, 0), max(x, 0)] always contains 0; scale = range / 255 (1.0 for an
  all-zero tensor); zero_point = -128 - round(x_min / scale); q = clip(round(x / scale) + zero_point, -128, 127);
  round is half to even (np.round).
- Per channel: one scale and zero point per index along `axis`, from that slice's values.
- Pruning removes k = floor(sparsity * size + 0.5) entries of smallest magnitude; equal magnitudes are removed
  in increasing flat (C-order) index.
- Distillation: alpha * T^2 * KL(softmax(t / T) || softmax(s / T)) + (1 - alpha) * CE(s, y), both means over the batch.
"""
from __future__ import annotations

import numpy as np

QMIN, QMAX = -128, 127


def _reduce_all_but(x, axis, fn):
    """fn over every axis except `axis`, shape (x.shape[axis],); over everything (a scalar) when axis is None."""
    if axis is None:
        return fn(x)
    return fn(np.moveaxis(x, axis, 0).reshape(x.shape[axis], -1), axis=1)


def _along(values, x, axis):
    """values (C,) shaped to broadcast against x along axis (a scalar stays a scalar)."""
    if axis is None:
        return values
    shape = [1] * x.ndim
    shape[axis] = -1
    return np.reshape(values, shape)


def quantize(x, axis=None):
    """(q, scale, zero_point): q int8 like x; scale float64 and zero_point int64, scalars (axis=None) or (C,) arrays
    for C = x.shape[axis] (per channel)."""
    x = np.asarray(x, dtype=np.float64)
    x_min = np.minimum(_reduce_all_but(x, axis, np.min), 0.0)
    x_max = np.maximum(_reduce_all_but(x, axis, np.max), 0.0)
    scale = (x_max - x_min) / (QMAX - QMIN)
    scale = np.where(scale > 0, scale, 1.0)
    zero_point = np.clip(QMIN - np.round(x_min / scale), QMIN, QMAX).astype(np.int64)
    q = np.clip(np.round(x / _along(scale, x, axis)) + _along(zero_point, x, axis), QMIN, QMAX).astype(np.int8)
    if axis is None:
        return q, float(scale), int(zero_point)
    return q, scale.astype(np.float64), zero_point


def dequantize(q, scale, zero_point, axis=None):
    """x_hat = scale * (q - zero_point), float64 like q, with per-channel parameters broadcast along axis."""
    q = np.asarray(q, dtype=np.float64)
    return _along(np.asarray(scale, dtype=np.float64), q, axis) * (q - _along(np.asarray(zero_point), q, axis))


def magnitude_prune(w, sparsity):
    """(pruned, mask): the k = floor(sparsity * w.size + 0.5) entries of smallest |w| set to 0 (equal magnitudes in
    increasing flat index); mask is bool like w, True where an entry is kept."""
    w = np.asarray(w, dtype=np.float64)
    k = int(np.floor(sparsity * w.size + 0.5))
    order = np.argsort(np.abs(w).ravel(), kind="stable")
    mask = np.ones(w.size, dtype=bool)
    mask[order[:k]] = False
    mask = mask.reshape(w.shape)
    return np.where(mask, w, 0.0), mask


def _log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def distillation_loss(student_logits, teacher_logits, y, T=2.0, alpha=0.5):
    """(loss, dstudent): the distillation loss (a float) and its gradient with respect to student_logits (N, C)."""
    s = np.asarray(student_logits, dtype=np.float64)
    n = len(s)
    log_ps_T, log_pt_T = _log_softmax(s / T), _log_softmax(np.asarray(teacher_logits, dtype=np.float64) / T)
    pt_T = np.exp(log_pt_T)
    kl = np.sum(pt_T * (log_pt_T - log_ps_T)) / n
    log_p = _log_softmax(s)
    ce = -np.mean(log_p[np.arange(n), y])
    loss = alpha * T * T * kl + (1 - alpha) * ce
    onehot = np.zeros_like(s)
    onehot[np.arange(n), y] = 1.0
    dstudent = alpha * T * (np.exp(log_ps_T) - pt_T) / n + (1 - alpha) * (np.exp(log_p) - onehot) / n
    return float(loss), dstudent
