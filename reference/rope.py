"""Reference solution of the ``rope`` kata: rotary position embeddings (RoFormer), forward and backward."""
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
    if d % 2:
        raise ValueError(f"rotary embeddings rotate pairs of features: d must be even, got d = {d}")
    i = np.arange(d // 2)
    return base ** (-2.0 * i / d)


def _rotate(x, positions, base, direction):
    """Rotate each pair (x[..., 2i], x[..., 2i+1]) by direction * positions * theta[i]."""
    d = x.shape[-1]
    angles = np.asarray(positions, dtype=np.float64)[..., None] * rope_frequencies(d, base)  # (..., T, d/2)
    cos, sin = np.cos(angles), direction * np.sin(angles)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty(np.broadcast_shapes(x.shape, cos.shape[:-1] + (d,)))
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out


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
    return _rotate(x, positions, base, +1.0), (np.array(positions), base)


def rope_backward(dout, cache):
    """Backward pass of rope_forward.

    Args:
        dout: (..., T, d) upstream gradient with respect to out.
        cache: what rope_forward returned.

    Returns:
        dx: (..., T, d), the gradient with respect to x: each pair of dout
            rotated back by the same angle (the transpose of a rotation).
    """
    positions, base = cache
    return _rotate(dout, positions, base, -1.0)
