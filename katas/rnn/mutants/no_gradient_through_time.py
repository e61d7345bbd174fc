"""BPTT feeds each step only dh[:, t], dropping the gradient that flows back from step t + 1."""
import numpy as np


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """One time step of a tanh RNN.

    x: (N, D) inputs; prev_h: (N, H) previous hidden state;
    Wx: (D, H) input-to-hidden weights; Wh: (H, H) hidden-to-hidden weights; b: (H,) bias.
    Returns (next_h, cache): next_h = tanh(x @ Wx + prev_h @ Wh + b), shape (N, H) float64.
    No input is modified.
    """
    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)
    cache = (x, prev_h, Wx, Wh, next_h)
    return next_h, cache


def rnn_step_backward(dnext_h, cache):
    """Backward pass of one time step.

    dnext_h: (N, H) gradient of the loss with respect to next_h; cache from rnn_step_forward.
    Returns (dx, dprev_h, dWx, dWh, db) with the shapes of (x, prev_h, Wx, Wh, b).
    """
    x, prev_h, Wx, Wh, next_h = cache
    da = dnext_h * (1.0 - next_h ** 2)  # tanh'(a) = 1 - tanh(a)^2
    dx = da @ Wx.T
    dprev_h = da @ Wh.T
    dWx = x.T @ da
    dWh = prev_h.T @ da
    db = da.sum(axis=0)
    return dx, dprev_h, dWx, dWh, db


def rnn_forward(x, h0, Wx, Wh, b):
    """Run the RNN over a whole sequence.

    x: (N, T, D) inputs; h0: (N, H) initial hidden state; Wx: (D, H); Wh: (H, H); b: (H,).
    Returns (h, cache): h (N, T, H) float64, the hidden state after every step
    (h[:, t] = h_t; h0 itself is not included). No input is modified.
    """
    N, T, _ = x.shape
    h = np.empty((N, T, h0.shape[1]), dtype=np.float64)
    prev_h = h0
    steps = []
    for t in range(T):
        prev_h, step_cache = rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)
        h[:, t, :] = prev_h
        steps.append(step_cache)
    return h, steps


def rnn_backward(dh, cache):
    """Backpropagation through time.

    dh: (N, T, H) gradient of the loss with respect to every hidden state h[:, t]
    (the upstream gradient only, not including what flows back through later steps);
    cache from rnn_forward.
    Returns (dx, dh0, dWx, dWh, db) with the shapes of (x, h0, Wx, Wh, b).
    """
    steps = cache
    N, T, H = dh.shape
    D = steps[0][0].shape[1]
    dx = np.empty((N, T, D), dtype=np.float64)
    dWx = np.zeros((D, H))
    dWh = np.zeros((H, H))
    db = np.zeros(H)
    dprev_h = np.zeros((N, H))
    for t in reversed(range(T)):
        # h_t feeds both the loss (dh[:, t]) and the next step (dprev_h from step t + 1)
        dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t, :], steps[t])
        dWx += dWx_t
        dWh += dWh_t
        db += db_t
    return dx, dprev_h, dWx, dWh, db
