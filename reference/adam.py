"""Reference solution for the adam kata: one step of the Adam optimizer, with explicit state."""
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
    w = np.asarray(w, dtype=np.float64)
    dw = np.asarray(dw, dtype=np.float64)
    if state is None:
        m, v, t = np.zeros_like(w), np.zeros_like(w), 0
    else:
        m = np.asarray(state["m"], dtype=np.float64)
        v = np.asarray(state["v"], dtype=np.float64)
        t = int(state["t"])

    t = t + 1
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    next_w = w - learning_rate * m_hat / (np.sqrt(v_hat) + eps)
    return next_w, {"m": m, "v": v, "t": t}
