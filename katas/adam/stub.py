"""Adam kata: implement one step of the Adam optimizer, with explicit state.

Read katas/adam/README.md first. Grade with ``python grade.py --kata adam``.
"""
import numpy as np


def adam_step(w, dw, state=None, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update of the parameters ``w`` given their gradient ``dw``.

    Parameters
    ----------
    w : ndarray, any shape, float64
        The current parameters.
    dw : ndarray, same shape as ``w``, float64
        The gradient of the loss with respect to ``w``.
    state : dict or None
        ``{"m": ndarray like w, "v": ndarray like w, "t": int}``: the first and
        second moment estimates and the number of steps taken so far. ``None``
        means a fresh optimizer: ``m = v = 0`` and ``t = 0``.
    learning_rate, beta1, beta2, eps : float
        The step size, the decay rates of the two moments, and the constant
        added to the denominator (after the square root).

    Returns
    -------
    next_w : ndarray, same shape as ``w``
        ``w - learning_rate * m_hat / (sqrt(v_hat) + eps)``.
    next_state : dict
        A new ``{"m", "v", "t"}`` with ``t`` one larger. ``w`` and ``state`` are
        left unchanged.
    """
    raise NotImplementedError
