"""Mistake: correct values, but forward and backward loop over every output pixel in Python (not vectorised)."""
import numpy as np


def _out_size(H, W, HH, WW, stride, pad):
    return 1 + (H + 2 * pad - HH) // stride, 1 + (W + 2 * pad - WW) // stride


def im2col(x, HH, WW, stride=1, pad=0):
    """x: (N, C, H, W) -> cols (N * H' * W', C * HH * WW), rows (n, i, j), columns (c, p, q)."""
    N, C, H, W = x.shape
    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cols = np.empty((N * Ho * Wo, C * HH * WW))
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                cols[(n * Ho + i) * Wo + j] = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW].ravel()
    return cols


def col2im(cols, x_shape, HH, WW, stride=1, pad=0):
    """cols (N * H' * W', C * HH * WW) -> (N, C, H, W), overlaps summed, padding dropped."""
    N, C, H, W = x_shape
    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                patch = cols[(n * Ho + i) * Wo + j].reshape(C, HH, WW)
                xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW] += patch
    return xp[:, :, pad:pad + H, pad:pad + W].copy()


def conv2d_forward(x, w, b, stride=1, pad=0):
    """x (N, C, H, W), w (F, C, HH, WW), b (F,) -> out (N, F, H', W'), cache."""
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.zeros((N, F, Ho, Wo))
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    window = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    return out, (x, w, stride, pad)


def conv2d_backward(dout, cache):
    """dout (N, F, H', W') -> dx (N, C, H, W), dw (F, C, HH, WW), db (F,)."""
    x, w, stride, pad = cache
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, Ho, Wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for n in range(N):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    window = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    dw[f] += dout[n, f, i, j] * window
                    dxp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW] += dout[n, f, i, j] * w[f]
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, pad:pad + H, pad:pad + W].copy(), dw, db
