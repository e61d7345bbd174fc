"""Reference solution for the weight_init kata: Xavier/Glorot and He initialisation from an explicit rng."""
import math

import numpy as np


def fans(shape):
    """(fan_in, fan_out) of a weight of this shape, as two ints.

    Dense weights (D_in, D_out), used as x @ W:  fan_in = D_in,  fan_out = D_out.
    Conv weights (F, C, kh, kw) (more generally (F, C, *kernel)):
        fan_in = C * kh * kw,  fan_out = F * kh * kw.
    Shapes with fewer than 2 axes raise ValueError.
    """
    shape = tuple(int(s) for s in shape)
    if len(shape) < 2:
        raise ValueError(f"fans need a weight with at least 2 axes, got shape {shape}")
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def xavier_uniform(shape, rng, gain=1.0):
    """Glorot/Xavier uniform: rng.uniform(-a, a, size=shape), a = gain * sqrt(6 / (fan_in + fan_out)).

    rng: a np.random.Generator or an int seed (passed to np.random.default_rng). Returns float64 of ``shape``.
    """
    fan_in, fan_out = fans(shape)
    a = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(rng).uniform(-a, a, size=tuple(shape))


def xavier_normal(shape, rng, gain=1.0):
    """Glorot/Xavier normal: rng.normal(0, std, size=shape), std = gain * sqrt(2 / (fan_in + fan_out))."""
    fan_in, fan_out = fans(shape)
    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
    return np.random.default_rng(rng).normal(0.0, std, size=tuple(shape))


def he_uniform(shape, rng):
    """He/Kaiming uniform (fan_in mode, for ReLU): rng.uniform(-a, a, size=shape), a = sqrt(6 / fan_in)."""
    fan_in, _ = fans(shape)
    a = math.sqrt(6.0 / fan_in)
    return np.random.default_rng(rng).uniform(-a, a, size=tuple(shape))


def he_normal(shape, rng):
    """He/Kaiming normal (fan_in mode, for ReLU): rng.normal(0, std, size=shape), std = sqrt(2 / fan_in)."""
    fan_in, _ = fans(shape)
    std = math.sqrt(2.0 / fan_in)
    return np.random.default_rng(rng).normal(0.0, std, size=tuple(shape))
