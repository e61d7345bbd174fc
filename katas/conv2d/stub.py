"""2-D convolution layer (cross-correlation, as in every deep-learning library): forward and backward.

Fill in both functions (see katas/conv2d/README.md). A plain loop over output
positions is fine. The layer follows the CS231n convention:
``conv2d_forward`` returns ``(out, cache)`` and ``conv2d_backward(dout, cache)``
returns ``(dx, dw, db)``. float64, batch first (NCHW); never modify an input
in place. Grade with ``python grade.py --kata conv2d``.
"""
import numpy as np


def conv2d_forward(x, w, b, stride=1, pad=0):
    """Cross-correlate a batch of images with a bank of filters.

    x: (N, C, H, W) images, w: (F, C, HH, WW) filters, b: (F,) biases,
    stride: int >= 1, pad: int >= 0 zeros added on every side of H and W.
    out[n, f, i, j] = b[f] + sum_{c, p, q} w[f, c, p, q] * xpad[n, c, i*stride + p, j*stride + q]
    Returns out (N, F, H', W') with H' = 1 + (H + 2*pad - HH) // stride (likewise W'),
    and a cache for ``conv2d_backward``.
    """
    raise NotImplementedError


def conv2d_backward(dout, cache):
    """Gradients of ``conv2d_forward``.

    dout: (N, F, H', W') upstream gradient; cache from ``conv2d_forward``.
    Returns dx (N, C, H, W), dw (F, C, HH, WW), db (F,).
    """
    raise NotImplementedError
