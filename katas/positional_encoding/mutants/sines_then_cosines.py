"""Mutant: all the sines fill the first half of the columns and all the cosines the second half, instead of interleaving."""
import numpy as np


def encode_positions(positions, d, base=10000.0):
    """Sinusoidal encodings of integer positions: shape positions.shape + (d,), float64.

    Column j uses the angle  pos / base ** (2 * (j // 2) / d):
    even j -> sin(angle), odd j -> cos(angle)  (interleaved, as in Vaswani et al. 2017).
    For odd d the last column (j = d - 1, even) is a sin; the exponent always divides by d itself.
    """
    positions = np.asarray(positions, dtype=np.float64)
    half = (d + 1) // 2
    i = np.arange(half)
    angles = positions[..., None] * base ** (-(2 * i) / d)  # (..., ceil(d/2))
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=-1)[..., :d]


def sinusoidal_encoding(T, d, base=10000.0):
    """The encodings of positions 0 .. T-1: shape (T, d), float64."""
    return encode_positions(np.arange(T), d, base)


def add_positional_encoding(x, base=10000.0):
    """x of shape (N, T, d) plus the encoding of positions 0 .. T-1 (the same for every sequence); a new array."""
    x = np.asarray(x, dtype=np.float64)
    return x + sinusoidal_encoding(x.shape[1], x.shape[2], base)[None, :, :]
