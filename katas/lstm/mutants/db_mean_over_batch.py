"""db averages the gate gradients over the batch instead of summing them."""
from __future__ import annotations

import numpy as np


def _sigmoid(z):
    """Numerically stable logistic function, elementwise."""
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """One time step of an LSTM.

    Args:
        x: (N, D) inputs at this time step.
        prev_h: (N, H) previous hidden state.
        prev_c: (N, H) previous cell state.
        Wx: (D, 4H) input-to-gates weights.
        Wh: (H, 4H) hidden-to-gates weights.
        b: (4H,) gate biases.

    Returns:
        next_h: (N, H) new hidden state, ``o * tanh(next_c)``.
        next_c: (N, H) new cell state, ``f * prev_c + i * g``.
        cache: whatever lstm_step_backward needs.

    The pre-activation ``a = x @ Wx + prev_h @ Wh + b`` (N, 4H) is split along
    its last axis into four blocks of width H, in the order i, f, o, g:
    ``i, f, o = sigmoid(a_i), sigmoid(a_f), sigmoid(a_o)``, ``g = tanh(a_g)``.
    No input is modified.
    """
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i = _sigmoid(a[:, :H])
    f = _sigmoid(a[:, H:2 * H])
    o = _sigmoid(a[:, 2 * H:3 * H])
    g = np.tanh(a[:, 3 * H:])
    next_c = f * prev_c + i * g
    tanh_c = np.tanh(next_c)
    next_h = o * tanh_c
    cache = (x, prev_h, prev_c, Wx, Wh, i, f, o, g, tanh_c)
    return next_h, next_c, cache


def lstm_step_backward(dnext_h, dnext_c, cache):
    """Backward pass of one LSTM time step.

    Args:
        dnext_h: (N, H) upstream gradient with respect to next_h.
        dnext_c: (N, H) upstream gradient with respect to next_c.
        cache: what lstm_step_forward returned.

    Returns:
        dx (N, D), dprev_h (N, H), dprev_c (N, H), dWx (D, 4H), dWh (H, 4H), db (4H,):
        the gradients of the loss with respect to each input of the forward,
        in the order of the forward's arguments.
    """
    x, prev_h, prev_c, Wx, Wh, i, f, o, g, tanh_c = cache
    # next_c reaches the loss directly (dnext_c) and through next_h = o * tanh(next_c).
    dc = dnext_c + dnext_h * o * (1.0 - tanh_c ** 2)
    do = dnext_h * tanh_c
    di = dc * g
    df = dc * prev_c
    dg = dc * i
    dprev_c = dc * f
    da = np.concatenate(
        [di * i * (1.0 - i), df * f * (1.0 - f), do * o * (1.0 - o), dg * (1.0 - g ** 2)],
        axis=1,
    )
    dx = da @ Wx.T
    dprev_h = da @ Wh.T
    dWx = x.T @ da
    dWh = prev_h.T @ da
    db = da.mean(axis=0)
    return dx, dprev_h, dprev_c, dWx, dWh, db
