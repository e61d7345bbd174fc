"""Model compression: int8 affine quantization (per tensor and per channel), magnitude pruning, and the
knowledge-distillation loss with temperature, forward and backward.

Read katas/compression/README.md first. Conventions:
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


def quantize(x, axis=None):
    """(q, scale, zero_point): q int8 like x; scale float64 and zero_point int64, scalars (axis=None) or (C,) arrays
    for C = x.shape[axis] (per channel)."""
    raise NotImplementedError


def dequantize(q, scale, zero_point, axis=None):
    """x_hat = scale * (q - zero_point), float64 like q, with per-channel parameters broadcast along axis."""
    raise NotImplementedError


def magnitude_prune(w, sparsity):
    """(pruned, mask): the k = floor(sparsity * w.size + 0.5) entries of smallest |w| set to 0 (equal magnitudes in
    increasing flat index); mask is bool like w, True where an entry is kept."""
    raise NotImplementedError


def distillation_loss(student_logits, teacher_logits, y, T=2.0, alpha=0.5):
    """(loss, dstudent): the distillation loss (a float) and its gradient with respect to student_logits (N, C)."""
    raise NotImplementedError
