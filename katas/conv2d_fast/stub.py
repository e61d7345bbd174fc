"""2-D convolution (cross-correlation) through im2col / col2im: fast, vectorised, no loop over output pixels.

Same layer as the ``conv2d`` kata, rewritten as one matrix product. Read
katas/conv2d_fast/README.md (the im2col layout and the loop rule); grade with
``python grade.py --kata conv2d_fast``.
"""
import numpy as np


def im2col(x, HH, WW, stride=1, pad=0):
    """Unfold every receptive field of x into a row.

    x: (N, C, H, W). Returns cols of shape (N * H' * W', C * HH * WW) with
    cols[(n * H' + i) * W' + j, (c * HH + p) * WW + q] = xpad[n, c, i*stride + p, j*stride + q],
    H' = 1 + (H + 2*pad - HH) // stride and likewise W'.
    """
    raise NotImplementedError


def col2im(cols, x_shape, HH, WW, stride=1, pad=0):
    """The adjoint of im2col: scatter-add every row back into its receptive field.

    cols: (N * H' * W', C * HH * WW); x_shape: (N, C, H, W). Overlapping
    contributions are summed; the padding border is dropped. Returns (N, C, H, W).
    """
    raise NotImplementedError


def conv2d_forward(x, w, b, stride=1, pad=0):
    """Cross-correlate a batch of images with a bank of filters, via im2col.

    x: (N, C, H, W), w: (F, C, HH, WW), b: (F,), stride >= 1, pad >= 0.
    out[n, f, i, j] = b[f] + sum_{c, p, q} w[f, c, p, q] * xpad[n, c, i*stride + p, j*stride + q]
    Returns out (N, F, H', W') and a cache for conv2d_backward.
    """
    raise NotImplementedError


def conv2d_backward(dout, cache):
    """Gradients of conv2d_forward.

    dout: (N, F, H', W'). Returns dx (N, C, H, W), dw (F, C, HH, WW), db (F,).
    """
    raise NotImplementedError
