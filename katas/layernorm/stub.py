"""Layer normalization over the feature axis, forward and backward.

x has shape (N, D): N examples, D features. Each ROW is normalised by its own
mean and (biased) variance, then scaled by gamma and shifted by beta, both (D,).

Inputs are never changed in place. See katas/layernorm/README.md.
"""
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    """Layer norm: out = gamma * (x - mean) / sqrt(var + eps) + beta, mean and var over axis 1.

    x: float64 (N, D); gamma, beta: float64 (D,); eps: float > 0.
    Returns (out, cache): out float64 (N, D); cache for layernorm_backward.
    """
    raise NotImplementedError


def layernorm_backward(dout, cache):
    """Gradients of layernorm_forward.

    dout: float64 (N, D); cache: from layernorm_forward.
    Returns (dx, dgamma, dbeta): float64 (N, D), (D,), (D,).
    """
    raise NotImplementedError
