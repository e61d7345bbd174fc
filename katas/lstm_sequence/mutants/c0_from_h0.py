"""Mistake: the initial cell state is set to h0 instead of zeros."""
import numpy as np


def _sigmoid(z):
    """Numerically stable logistic function, elementwise."""
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def _step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """One LSTM step. x (N, D), prev_h (N, H), prev_c (N, H) -> next_h, next_c (N, H), cache."""
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i = _sigmoid(a[:, :H])
    f = _sigmoid(a[:, H:2 * H])
    o = _sigmoid(a[:, 2 * H:3 * H])
    g = np.tanh(a[:, 3 * H:])
    next_c = f * prev_c + i * g
    tanh_c = np.tanh(next_c)
    next_h = o * tanh_c
    return next_h, next_c, (x, prev_h, prev_c, i, f, o, g, tanh_c)


def _step_backward(dnext_h, dnext_c, cache, Wx, Wh):
    """Backward of one step: returns dx (N, D), dprev_h, dprev_c (N, H), da (N, 4H)."""
    x, prev_h, prev_c, i, f, o, g, tanh_c = cache
    do = dnext_h * tanh_c
    dc = dnext_c + dnext_h * o * (1.0 - tanh_c ** 2)
    df = dc * prev_c
    di = dc * g
    dg = dc * i
    dprev_c = dc * f
    da = np.concatenate(
        [di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g ** 2)], axis=1
    )
    dx = da @ Wx.T
    dprev_h = da @ Wh.T
    return dx, dprev_h, dprev_c, da


def lstm_forward(x, h0, Wx, Wh, b):
    """Run an LSTM over a whole sequence; the initial cell state is zero.

    Inputs:
    - x: (N, T, D) input sequence, float64
    - h0: (N, H) initial hidden state
    - Wx: (D, 4H) input-to-hidden weights, gate blocks in the order i, f, o, g
    - Wh: (H, 4H) hidden-to-hidden weights
    - b: (4H,) biases

    Returns (h, cache):
    - h: (N, T, H) hidden states for every time step, float64
    - cache: whatever lstm_backward needs
    """
    N, T, _ = x.shape
    H = h0.shape[1]
    h = np.zeros((N, T, H))
    prev_h, prev_c = h0, h0.copy()
    steps = []
    for t in range(T):
        prev_h, prev_c, step = _step_forward(x[:, t, :], prev_h, prev_c, Wx, Wh, b)
        h[:, t, :] = prev_h
        steps.append(step)
    return h, (steps, Wx, Wh)


def lstm_backward(dh, cache):
    """Backward pass through the whole sequence (backpropagation through time).

    Inputs:
    - dh: (N, T, H) upstream gradient of the loss with respect to every hidden state h[:, t, :]
    - cache: from lstm_forward

    Returns (dx, dh0, dWx, dWh, db) with the shapes of x (N, T, D), h0 (N, H),
    Wx (D, 4H), Wh (H, 4H) and b (4H,).
    """
    steps, Wx, Wh = cache
    N, T, H = dh.shape
    D = Wx.shape[0]
    dx = np.zeros((N, T, D))
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(4 * H)
    dprev_h, dprev_c = np.zeros((N, H)), np.zeros((N, H))
    for t in reversed(range(T)):
        step = steps[t]
        dx_t, dprev_h, dprev_c, da = _step_backward(dh[:, t, :] + dprev_h, dprev_c, step, Wx, Wh)
        dx[:, t, :] = dx_t
        dWx += step[0].T @ da
        dWh += step[1].T @ da
        db += da.sum(axis=0)
    return dx, dprev_h, dWx, dWh, db
