"""Xavier/Glorot and He initialisation from an explicit rng. See katas/weight_init/README.md."""
import math

import numpy as np


def fans(shape):
    """(fan_in, fan_out) of a weight of this shape, as two ints.

    Dense weights (D_in, D_out), used as x @ W:  fan_in = D_in,  fan_out = D_out.
    Conv weights (F, C, kh, kw) (more generally (F, C, *kernel)):
        fan_in = C * kh * kw,  fan_out = F * kh * kw.
    Shapes with fewer than 2 axes raise ValueError.
    """
    raise NotImplementedError


def xavier_uniform(shape, rng, gain=1.0):
    """Glorot/Xavier uniform: rng.uniform(-a, a, size=shape), a = gain * sqrt(6 / (fan_in + fan_out)).

    rng: a np.random.Generator or an int seed (passed to np.random.default_rng). Returns float64 of ``shape``.
    """
    raise NotImplementedError


def xavier_normal(shape, rng, gain=1.0):
    """Glorot/Xavier normal: rng.normal(0, std, size=shape), std = gain * sqrt(2 / (fan_in + fan_out))."""
    raise NotImplementedError


def he_uniform(shape, rng):
    """He/Kaiming uniform (fan_in mode, for ReLU): rng.uniform(-a, a, size=shape), a = sqrt(6 / fan_in)."""
    raise NotImplementedError


def he_normal(shape, rng):
    """He/Kaiming normal (fan_in mode, for ReLU): rng.normal(0, std, size=shape), std = sqrt(2 / fan_in)."""
    raise NotImplementedError