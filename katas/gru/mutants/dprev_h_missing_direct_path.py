"""Backward drops the direct path h' = ... + z * h from dprev_h, keeping only the paths through the gates."""
import numpy as np


def sigmoid(a):
    """Logistic function 1 / (1 + exp(-a)), elementwise, without overflow for large |a|."""
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def gru_step_forward(x, prev_h, Wx, Wh, bx, bh):
    """One GRU step.

    x: (N, D) inputs; prev_h: (N, H) previous hidden state;
    Wx: (D, 3H) input weights, Wh: (H, 3H) hidden weights, bx: (3H,), bh: (3H,)
    biases, each stacked [r | z | n] along the last axis.
    Returns (next_h, cache): next_h (N, H) float64; cache for gru_step_backward.
    No input is modified.
    """
    H = prev_h.shape[1]
    gx = x @ Wx + bx          # (N, 3H): input contributions
    gh = prev_h @ Wh + bh     # (N, 3H): hidden contributions
    r = sigmoid(gx[:, :H] + gh[:, :H])
    z = sigmoid(gx[:, H:2 * H] + gh[:, H:2 * H])
    hn = gh[:, 2 * H:]        # h Wh_n + bh_n, gated by r
    n = np.tanh(gx[:, 2 * H:] + r * hn)
    next_h = (1.0 - z) * n + z * prev_h
    cache = (x, prev_h, Wx, Wh, r, z, n, hn)
    return next_h, cache


def gru_step_backward(dnext_h, cache):
    """Backward pass of one GRU step.

    dnext_h: (N, H) gradient of the loss with respect to next_h; cache from gru_step_forward.
    Returns (dx, dprev_h, dWx, dWh, dbx, dbh) with the shapes of (x, prev_h, Wx, Wh, bx, bh).
    """
    x, prev_h, Wx, Wh, r, z, n, hn = cache
    dn = dnext_h * (1.0 - z)
    dz = dnext_h * (prev_h - n)
    dan = dn * (1.0 - n ** 2)            # through tanh
    dr = dan * hn
    dar = dr * r * (1.0 - r)             # through sigmoid
    daz = dz * z * (1.0 - z)
    dgx = np.concatenate([dar, daz, dan], axis=1)       # d(x Wx + bx)
    dgh = np.concatenate([dar, daz, dan * r], axis=1)   # d(h Wh + bh): the n block is scaled by r
    dx = dgx @ Wx.T
    dprev_h = dgh @ Wh.T   # direct path through z * h, plus through the gates
    dWx = x.T @ dgx
    dWh = prev_h.T @ dgh
    dbx = dgx.sum(axis=0)
    dbh = dgh.sum(axis=0)
    return dx, dprev_h, dWx, dWh, dbx, dbh
