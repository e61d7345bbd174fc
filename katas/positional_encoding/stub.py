"""The sinusoidal positional encoding of the Transformer. See katas/positional_encoding/README.md."""
import numpy as np


def encode_positions(positions, d, base=10000.0):
    """Sinusoidal encodings of integer positions: shape positions.shape + (d,), float64.

    Column j uses the angle  pos / base ** (2 * (j // 2) / d):
    even j -> sin(angle), odd j -> cos(angle)  (interleaved, as in Vaswani et al. 2017).
    For odd d the last column (j = d - 1, even) is a sin; the exponent always divides by d itself.
    """
    raise NotImplementedError


def sinusoidal_encoding(T, d, base=10000.0):
    """The encodings of positions 0 .. T-1: shape (T, d), float64."""
    raise NotImplementedError


def add_positional_encoding(x, base=10000.0):
    """x of shape (N, T, d) plus the encoding of positions 0 .. T-1 (the same for every sequence); a new array."""
    raise NotImplementedError