"""Test mode uses the running statistics but also updates them with the test batch, as if it were training."""
import numpy as np


def batchnorm_forward(x, gamma, beta, state, mode="train", momentum=0.9, eps=1e-5):
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    new_state = {
        "running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
        "running_var": momentum * state["running_var"] + (1 - momentum) * var,
    }
    if mode == "train":
        inv_std = 1.0 / np.sqrt(var + eps)
        x_hat = (x - mean) * inv_std
        return gamma * x_hat + beta, (x_hat, gamma, inv_std), new_state
    x_hat = (x - state["running_mean"]) / np.sqrt(state["running_var"] + eps)
    return gamma * x_hat + beta, None, new_state


def batchnorm_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    n = dout.shape[0]
    dx_hat = dout * gamma
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)
