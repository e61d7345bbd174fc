"""Mutant: for odd d the encoding is computed for d + 1 columns and truncated, so the exponent divides by d + 1."""
import numpy as np


def encode_positions(positions, d, base=10000.0):
    """Sinusoidal encodings of integer positions: shape positions.shape + (d,), float64.

    Column j uses the angle  pos / base ** (2 * (j // 2) / d):
    even j -> sin(angle), odd j -> cos(angle)  (interleaved, as in Vaswani et al. 2017).
    For odd d the last column (j = d - 1, even) is a sin; the exponent always divides by d itself.
    """
    positions = np.asarray(positions, dtype=np.float64)
    j = np.arange(d)
    inv_freq = base ** (-(2 * (j // 2)) / (d + d % 2))  # (d,)
    angles = positions[..., None] * inv_freq  # (..., d)
    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))


def sinusoidal_encoding(T, d, base=10000.0):
    """The encodings of positions 0 .. T-1: shape (T, d), float64."""
    return encode_positions(np.arange(T), d, base)


def add_positional_encoding(x, base=10000.0):
    """x of shape (N, T, d) plus the encoding of positions 0 .. T-1 (the same for every sequence); a new array."""
    x = np.asarray(x, dtype=np.float64)
    return x + sinusoidal_encoding(x.shape[1], x.shape[2], base)[None, :, :]
