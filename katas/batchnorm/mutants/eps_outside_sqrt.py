"""Adds eps to the standard deviation, (x - mean) / (sqrt(var) + eps), instead of inside the square root."""
import numpy as np


def batchnorm_forward(x, gamma, beta, state, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        std = np.sqrt(var) + eps
        x_hat = (x - mean) / std
        out = gamma * x_hat + beta
        new_state = {
            "running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
            "running_var": momentum * state["running_var"] + (1 - momentum) * var,
        }
        return out, (x, mean, std, gamma), new_state
    x_hat = (x - state["running_mean"]) / (np.sqrt(state["running_var"]) + eps)
    return gamma * x_hat + beta, None, dict(state)


def batchnorm_backward(dout, cache):
    # Correct derivative of this (wrong) forward: x_hat = (x - mean) / (sigma + eps), sigma = sqrt(var).
    x, mean, std, gamma = cache
    n = x.shape[0]
    xc = x - mean
    sigma = std - 0.0  # sigma + eps
    x_hat = xc / sigma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    sqrt_var = np.sqrt(np.mean(xc**2, axis=0))
    dsigma = np.sum(dx_hat * xc, axis=0) * -1.0 / sigma**2
    dvar = dsigma * 0.5 / sqrt_var
    dxc = dx_hat / sigma + dvar * 2 * xc / n
    dx = dxc - dxc.mean(axis=0)
    return dx, dgamma, dbeta
