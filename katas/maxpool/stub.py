"""Max pooling: forward and backward.

Layout: x is (N, C, H, W), float64, batch first. Windows of
pool_height x pool_width move by ``stride`` in both directions; windows that
would run past the bottom or right edge are dropped (floor, PyTorch's
``ceil_mode=False``), so H_out = (H - pool_height) // stride + 1 and
W_out = (W - pool_width) // stride + 1.
"""
import numpy as np


def maxpool_forward(x, pool_height, pool_width, stride):
    """Max pooling over spatial windows.

    x: (N, C, H, W) float64; pool_height, pool_width, stride: positive ints
    with pool_height <= H and pool_width <= W.
    Returns (out, cache): out (N, C, H_out, W_out) float64, where
    out[n, c, i, j] = max of x[n, c, i*stride : i*stride+pool_height, j*stride : j*stride+pool_width];
    cache holds what maxpool_backward needs.
    x is not modified.
    """
    raise NotImplementedError


def maxpool_backward(dout, cache):
    """Gradient of max pooling.

    dout: (N, C, H_out, W_out) upstream gradient; cache from maxpool_forward.
    Returns dx: (N, C, H, W) float64. Each dout[n, c, i, j] goes to the single
    position of its window that held the maximum (the first one in row-major
    order when several tie); overlapping windows add their contributions.
    """
    raise NotImplementedError
