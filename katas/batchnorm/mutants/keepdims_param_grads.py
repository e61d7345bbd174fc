"""Sums dgamma and dbeta with keepdims=True, returning shape (1, D) instead of (D,)."""
import numpy as np


def batchnorm_forward(x, gamma, beta, state, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mean = x.mean(axis=0, keepdims=True)
        var = x.var(axis=0, keepdims=True)
        x_hat = (x - mean) / np.sqrt(var + eps)
        out = gamma * x_hat + beta
        cache = (x_hat, gamma, 1.0 / np.sqrt(var + eps))
        new_state = {
            "running_mean": momentum * state["running_mean"] + (1 - momentum) * mean[0],
            "running_var": momentum * state["running_var"] + (1 - momentum) * var[0],
        }
        return out, cache, new_state
    x_hat = (x - state["running_mean"]) / np.sqrt(state["running_var"] + eps)
    return gamma * x_hat + beta, None, dict(state)


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    n = dout.shape[0]
    dbeta = dout.sum(axis=0, keepdims=True)
    dgamma = (dout * x_hat).sum(axis=0, keepdims=True)
    dx_hat = dout * gamma
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0, keepdims=True)
                        - x_hat * (dx_hat * x_hat).sum(axis=0, keepdims=True))
    return dx, dgamma, dbeta
