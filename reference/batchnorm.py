"""Reference solution for the batchnorm kata: batch normalization, forward (train/test) and backward."""
import numpy as np


def batchnorm_forward(x, gamma, beta, state, mode="train", momentum=0.9, eps=1e-5):
    """Batch normalization of ``x`` over the batch axis, then a per-feature scale and shift.

    Parameters
    ----------
    x : ndarray, shape (N, D), float64
        A mini-batch of N samples with D features.
    gamma, beta : ndarray, shape (D,), float64
        The learned scale and shift.
    state : dict
        ``{"running_mean": (D,), "running_var": (D,)}``: the running statistics.
    mode : str
        ``"train"``: normalise with the batch mean and (biased) variance and
        update the running statistics. ``"test"``: normalise with the running
        statistics and leave them as they are.
    momentum : float
        ``running = momentum * running + (1 - momentum) * batch_statistic``.
    eps : float
        Added to the variance inside the square root.

    Returns
    -------
    out : ndarray, shape (N, D)
        ``gamma * x_hat + beta``.
    cache : object
        What ``batchnorm_backward`` needs (train mode); ``None`` in test mode.
    new_state : dict
        A new ``{"running_mean": (D,), "running_var": (D,)}``. Nothing passed
        in is modified.
    """
    x = np.asarray(x, dtype=np.float64)
    running_mean = np.asarray(state["running_mean"], dtype=np.float64)
    running_var = np.asarray(state["running_var"], dtype=np.float64)
    if mode == "train":
        mean = x.mean(axis=0)
        var = x.var(axis=0)  # biased: divides by N
        inv_std = 1.0 / np.sqrt(var + eps)
        x_hat = (x - mean) * inv_std
        out = gamma * x_hat + beta
        cache = (x_hat, np.asarray(gamma, dtype=np.float64), inv_std)
        new_state = {
            "running_mean": momentum * running_mean + (1 - momentum) * mean,
            "running_var": momentum * running_var + (1 - momentum) * var,
        }
    elif mode == "test":
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        out = gamma * x_hat + beta
        cache = None
        new_state = {"running_mean": running_mean.copy(), "running_var": running_var.copy()}
    else:
        raise ValueError(f"mode must be 'train' or 'test', got {mode!r}")
    return out, cache, new_state


def batchnorm_backward(dout, cache):
    """Gradients of a train-mode ``batchnorm_forward``.

    Parameters
    ----------
    dout : ndarray, shape (N, D)
        The upstream gradient dL/dout.
    cache : object
        The cache returned by ``batchnorm_forward(..., mode="train")``.

    Returns
    -------
    dx : ndarray, shape (N, D)
    dgamma : ndarray, shape (D,)
    dbeta : ndarray, shape (D,)
    """
    x_hat, gamma, inv_std = cache
    n = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    # x_hat depends on x directly and through the batch mean and variance.
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, dgamma, dbeta
