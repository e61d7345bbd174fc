"""Batchnorm kata: implement batch normalization, forward (train and test mode) and backward.

Read katas/batchnorm/README.md first. Grade with ``python grade.py --kata batchnorm``.
"""
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
    raise NotImplementedError


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
    raise NotImplementedError
