"""Backward converts the flat argmax to (row, col) by dividing by pool_height instead of pool_width."""
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
    N, C, H, W = x.shape
    H_out = (H - pool_height) // stride + 1
    W_out = (W - pool_width) // stride + 1
    out = np.empty((N, C, H_out, W_out), dtype=np.float64)
    # argmax[n, c, i, j] = flat index inside the window, row-major (the first maximum on ties)
    argmax = np.empty((N, C, H_out, W_out), dtype=np.intp)
    for i in range(H_out):
        for j in range(W_out):
            top, left = i * stride, j * stride
            window = x[:, :, top:top + pool_height, left:left + pool_width].reshape(N, C, -1)
            k = np.argmax(window, axis=2)
            argmax[:, :, i, j] = k
            out[:, :, i, j] = np.take_along_axis(window, k[:, :, None], axis=2)[:, :, 0]
    cache = (x.shape, argmax, pool_height, pool_width, stride)
    return out, cache


def maxpool_backward(dout, cache):
    """Gradient of max pooling.

    dout: (N, C, H_out, W_out) upstream gradient; cache from maxpool_forward.
    Returns dx: (N, C, H, W) float64. Each dout[n, c, i, j] goes to the single
    position of its window that held the maximum (the first one in row-major
    order when several tie); overlapping windows add their contributions.
    """
    x_shape, argmax, pool_height, pool_width, stride = cache
    N, C, _, _ = x_shape
    _, _, H_out, W_out = dout.shape
    dx = np.zeros(x_shape, dtype=np.float64)
    n_idx, c_idx = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    for i in range(H_out):
        for j in range(W_out):
            rows = i * stride + argmax[:, :, i, j] // pool_height
            cols = j * stride + argmax[:, :, i, j] % pool_height
            # within one window position every (n, c) hits a distinct cell, so += is safe here;
            # overlapping windows are summed by the loop itself
            dx[n_idx, c_idx, rows, cols] += dout[:, :, i, j]
    return dx
