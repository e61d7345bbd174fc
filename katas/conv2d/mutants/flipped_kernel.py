"""Flips the kernel (true convolution, w[:, :, ::-1, ::-1]) instead of cross-correlating."""
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    """Cross-correlate a batch of images with a bank of filters.

    x: (N, C, H, W) images, w: (F, C, HH, WW) filters, b: (F,) biases,
    stride: int >= 1, pad: int >= 0 zeros added on every side of H and W.
    out[n, f, i, j] = b[f] + sum_{c, p, q} w[f, c, p, q] * xpad[n, c, i*stride + p, j*stride + q]
    Returns out (N, F, H', W') with H' = 1 + (H + 2*pad - HH) // stride (likewise W'),
    and a cache for ``conv2d_backward``.
    """
    n, c, h, width = x.shape
    f, _, hh, ww = w.shape
    h_out = 1 + (h + 2 * pad - hh) // stride
    w_out = 1 + (width + 2 * pad - ww) // stride
    w = w[:, :, ::-1, ::-1]
    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    out = np.empty((n, f, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = xpad[:, :, i * stride:i * stride + hh, j * stride:j * stride + ww]  # (N, C, HH, WW)
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3])) + b
    return out, (x, w, stride, pad)


def conv2d_backward(dout, cache):
    """Gradients of ``conv2d_forward``.

    dout: (N, F, H', W') upstream gradient; cache from ``conv2d_forward``.
    Returns dx (N, C, H, W), dw (F, C, HH, WW), db (F,).
    """
    x, w, stride, pad = cache
    _, _, h, width = x.shape
    _, _, hh, ww = w.shape
    _, _, h_out, w_out = dout.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    w = w[:, :, ::-1, ::-1]
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    for i in range(h_out):
        for j in range(w_out):
            rows = slice(i * stride, i * stride + hh)
            cols = slice(j * stride, j * stride + ww)
            d = dout[:, :, i, j]  # (N, F)
            dw += np.tensordot(d, xpad[:, :, rows, cols], axes=([0], [0]))  # (F, C, HH, WW)
            dxpad[:, :, rows, cols] += np.tensordot(d, w, axes=([1], [0]))  # (N, C, HH, WW)
    dw = dw[:, :, ::-1, ::-1]
    dx = dxpad[:, :, pad:pad + h, pad:pad + width]
    db = dout.sum(axis=(0, 2, 3))
    return dx, dw, db
