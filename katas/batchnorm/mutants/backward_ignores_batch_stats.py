"""The backward pass treats the batch mean and variance as constants: dx = dout * gamma / sqrt(var + eps)."""
import numpy as np


def batchnorm_forward(x, gamma, beta, state, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        inv_std = 1.0 / np.sqrt(var + eps)
        x_hat = (x - mean) * inv_std
        out = gamma * x_hat + beta
        new_state = {
            "running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
            "running_var": momentum * state["running_var"] + (1 - momentum) * var,
        }
        return out, (x_hat, gamma, inv_std), new_state
    x_hat = (x - state["running_mean"]) / np.sqrt(state["running_var"] + eps)
    return gamma * x_hat + beta, None, dict(state)


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    dx = dout * gamma * inv_std
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
