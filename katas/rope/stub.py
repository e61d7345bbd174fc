"""Kata ``rope``: rotary position embeddings (RoPE), forward and backward.

Read katas/rope/README.md for the statement and katas/rope/hints.md if stuck.
Grade with ``python grade.py --kata rope``.
"""
from __future__ import annotations

import numpy as np


def rope_frequencies(d, base=10000.0):
    """The rotation frequency of each pair of features.

    Args:
        d: the feature width, even.
        base: the base of the geometric sequence of frequencies.

    Returns:
        theta: (d // 2,) float64, theta[i] = base ** (-2 i / d); theta[0] = 1.
    """
    raise NotImplementedError


def rope_forward(x, positions, base=10000.0):
    """Rotary position embedding of queries or keys.

    Args:
        x: (..., T, d) features, d even; ``...`` are batch axes (none, one or more).
        positions: integer array broadcastable to x.shape[:-1], the position of
            every vector (e.g. (T,), the same for every batch entry).
        base: the base of the frequencies (see rope_frequencies).

    Returns:
        out: (..., T, d); the pair (x[2i], x[2i+1]) of the vector at position p
            rotated counterclockwise by the angle p * theta[i].
        cache: whatever rope_backward needs.
    """
    raise NotImplementedError


def rope_backward(dout, cache):
    """Backward pass of rope_forward.

    Args:
        dout: (..., T, d) upstream gradient with respect to out.
        cache: what rope_forward returned.

    Returns:
        dx: (..., T, d), the gradient with respect to x: each pair of dout
            rotated back by the same angle (the transpose of a rotation).
    """
    raise NotImplementedError
