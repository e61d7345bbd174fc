"""Applies the reset gate before the hidden matmul, n = tanh(x Wx_n + bx_n + (r * h) Wh_n + bh_n) (Cho et al.), not after it."""
import numpy as np


def sigmoid(a):
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def gru_step_forward(x, prev_h, Wx, Wh, bx, bh):
    H = prev_h.shape[1]
    gx = x @ Wx + bx
    gh = prev_h @ Wh[:, :2 * H] + bh[:2 * H]
    r = sigmoid(gx[:, :H] + gh[:, :H])
    z = sigmoid(gx[:, H:2 * H] + gh[:, H:2 * H])
    rh = r * prev_h
    n = np.tanh(gx[:, 2 * H:] + rh @ Wh[:, 2 * H:] + bh[2 * H:])
    next_h = (1.0 - z) * n + z * prev_h
    return next_h, (x, prev_h, Wx, Wh, r, z, n, rh)


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, r, z, n, rh = cache
    H = prev_h.shape[1]
    dn = dnext_h * (1.0 - z)
    dz = dnext_h * (prev_h - n)
    dan = dn * (1.0 - n ** 2)
    drh = dan @ Wh[:, 2 * H:].T
    dr = drh * prev_h
    dar = dr * r * (1.0 - r)
    daz = dz * z * (1.0 - z)
    dgx = np.concatenate([dar, daz, dan], axis=1)
    drz = np.concatenate([dar, daz], axis=1)
    dx = dgx @ Wx.T
    dprev_h = dnext_h * z + drz @ Wh[:, :2 * H].T + drh * r
    dWx = x.T @ dgx
    dWh = np.concatenate([prev_h.T @ drz, rh.T @ dan], axis=1)
    dbx = dgx.sum(axis=0)
    dbh = dgx.sum(axis=0)
    return dx, dprev_h, dWx, dWh, dbx, dbh
