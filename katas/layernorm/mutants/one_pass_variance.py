"""Mutant: computes the variance as mean(x**2) - mean(x)**2, which cancels catastrophically for rows with a large offset."""
import numpy as np


def layernorm_forward(x, gamma, beta, eps=1e-5):
    """Layer norm: out = gamma * (x - mean) / sqrt(var + eps) + beta, mean and var over axis 1.

    x: float64 (N, D); gamma, beta: float64 (D,); eps: float > 0.
    Returns (out, cache): out float64 (N, D); cache for layernorm_backward.
    """
    x = np.asarray(x, dtype=np.float64)
    mu = x.mean(axis=1, keepdims=True)
    xc = x - mu
    var = np.mean(x * x, axis=1, keepdims=True) - mu * mu
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv_std
    out = gamma * x_hat + beta
    return out, (x_hat, inv_std, np.asarray(gamma, dtype=np.float64))


def layernorm_backward(dout, cache):
    """Gradients of layernorm_forward.

    dout: float64 (N, D); cache: from layernorm_forward.
    Returns (dx, dgamma, dbeta): float64 (N, D), (D,), (D,).
    """
    x_hat, inv_std, gamma = cache
    dout = np.asarray(dout, dtype=np.float64)
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    # d x_hat / d x for one row, applied to dx_hat: subtract the mean and the projection on x_hat.
    dx = inv_std * (dx_hat - dx_hat.mean(axis=1, keepdims=True)
                    - x_hat * (dx_hat * x_hat).mean(axis=1, keepdims=True))
    return dx, dgamma, dbeta
