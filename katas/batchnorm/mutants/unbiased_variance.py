"""Uses the unbiased batch variance (ddof=1, dividing by N - 1) instead of the biased one (dividing by N)."""
import numpy as np


def batchnorm_forward(x, gamma, beta, state, mode="train", momentum=0.9, eps=1e-5):
    if mode == "train":
        mean = x.mean(axis=0)
        var = x.var(axis=0, ddof=1)
        x_hat = (x - mean) / np.sqrt(var + eps)
        out = gamma * x_hat + beta
        cache = (x, x_hat, mean, var, gamma, eps)
        new_state = {
            "running_mean": momentum * state["running_mean"] + (1 - momentum) * mean,
            "running_var": momentum * state["running_var"] + (1 - momentum) * var,
        }
        return out, cache, new_state
    x_hat = (x - state["running_mean"]) / np.sqrt(state["running_var"] + eps)
    return gamma * x_hat + beta, None, dict(state)


def batchnorm_backward(dout, cache):
    x, x_hat, mean, var, gamma, eps = cache
    n = x.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    std = np.sqrt(var + eps)
    dvar = np.sum(dx_hat * (x - mean) * -0.5 * std**-3, axis=0)
    dmean = np.sum(-dx_hat / std, axis=0) + dvar * np.mean(-2 * (x - mean), axis=0)
    dx = dx_hat / std + dvar * 2 * (x - mean) / n + dmean / n
    return dx, dgamma, dbeta
