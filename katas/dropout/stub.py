"""Inverted dropout, forward and backward.

``p`` is the probability of KEEPING a unit. The mask is drawn exactly as

    rng = np.random.default_rng(seed)
    mask = (rng.random(x.shape) < p) / p

so that a given seed always drops the same units.

Inputs are never changed in place. See katas/dropout/README.md.
"""
import numpy as np


def dropout_forward(x, p, mode, seed):
    """Inverted dropout.

    x: float64 array, any shape. p: keep probability, 0 < p <= 1. mode: "train" or "test".
    seed: int, the seed of the mask's generator.
    Returns (out, cache): out is float64 shaped like x: x * mask in "train" mode, a copy of x in
    "test" mode; cache holds what dropout_backward needs.
    """
    raise NotImplementedError


def dropout_backward(dout, cache):
    """Gradient of dropout_forward: dout * mask in "train" mode, dout in "test" mode.

    dout: float64 shaped like the forward's x; cache: from dropout_forward. Returns dx, float64 like dout.
    """
    raise NotImplementedError
