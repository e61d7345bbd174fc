"""Reference solution: 2-D convolution (cross-correlation) through im2col / col2im.

Layout of the patch matrix: one row per output pixel, rows ordered (n, i, j);
one column per filter tap, columns ordered (c, p, q), so that
``cols @ w.reshape(F, -1).T`` is the convolution.
"""
import numpy as np


def _out_size(H, W, HH, WW, stride, pad):
    return 1 + (H + 2 * pad - HH) // stride, 1 + (W + 2 * pad - WW) // stride


def im2col(x, HH, WW, stride=1, pad=0):
    """Unfold every receptive field of x into a row.

    x: (N, C, H, W). Returns cols of shape (N * H' * W', C * HH * WW) with
    cols[(n * H' + i) * W' + j, (c * HH + p) * WW + q] = xpad[n, c, i*stride + p, j*stride + q],
    H' = 1 + (H + 2*pad - HH) // stride and likewise W'.
    """
    N, C, H, W = x.shape
    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cols = np.empty((N, C, HH, WW, Ho, Wo))
    for p in range(HH):  # a loop over kernel offsets: HH * WW iterations, each one vectorised
        for q in range(WW):
            cols[:, :, p, q] = xp[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride]
    return cols.transpose(0, 4, 5, 1, 2, 3).reshape(N * Ho * Wo, C * HH * WW)


def col2im(cols, x_shape, HH, WW, stride=1, pad=0):
    """The adjoint of im2col: scatter-add every row back into its receptive field.

    cols: (N * H' * W', C * HH * WW); x_shape: (N, C, H, W). Overlapping
    contributions are summed; the padding border is dropped. Returns (N, C, H, W).
    """
    N, C, H, W = x_shape
    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
    c6 = cols.reshape(N, Ho, Wo, C, HH, WW).transpose(0, 3, 4, 5, 1, 2)
    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for p in range(HH):
        for q in range(WW):
            xp[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] += c6[:, :, p, q]
    return xp[:, :, pad:pad + H, pad:pad + W].copy()


def conv2d_forward(x, w, b, stride=1, pad=0):
    """Cross-correlate a batch of images with a bank of filters, via im2col.

    x: (N, C, H, W), w: (F, C, HH, WW), b: (F,), stride >= 1, pad >= 0.
    out[n, f, i, j] = b[f] + sum_{c, p, q} w[f, c, p, q] * xpad[n, c, i*stride + p, j*stride + q]
    Returns out (N, F, H', W') and a cache for conv2d_backward.
    """
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
    cols = im2col(x, HH, WW, stride, pad)
    out = cols @ w.reshape(F, -1).T + b  # (N * H' * W', F)
    out = out.reshape(N, Ho, Wo, F).transpose(0, 3, 1, 2).copy()
    return out, (x.shape, w, cols, stride, pad)


def conv2d_backward(dout, cache):
    """Gradients of conv2d_forward.

    dout: (N, F, H', W'). Returns dx (N, C, H, W), dw (F, C, HH, WW), db (F,).
    """
    x_shape, w, cols, stride, pad = cache
    F, _, HH, WW = w.shape
    d2 = dout.transpose(0, 2, 3, 1).reshape(-1, F)  # rows ordered (n, i, j), like cols
    dw = (d2.T @ cols).reshape(w.shape)
    db = dout.sum(axis=(0, 2, 3))
    dx = col2im(d2 @ w.reshape(F, -1), x_shape, HH, WW, stride, pad)
    return dx, dw, db
