"""Backward builds dW with a one-hot matrix but multiplies in the wrong order, returning it transposed (D, V)."""
import numpy as np


def embedding_forward(idx, W):
    """Look up the embedding of every index.

    idx: (N, T) integer array, values in [0, V); W: (V, D) float64.
    Returns (out, cache): out (N, T, D) float64 with out[n, t, :] = W[idx[n, t], :];
    cache holds what embedding_backward needs. Neither input is modified.
    """
    out = W[idx]
    cache = (idx.copy(), W.shape)
    return out, cache


def embedding_backward(dout, cache):
    """Gradient of the lookup with respect to W.

    dout: (N, T, D) upstream gradient; cache from embedding_forward.
    Returns dW: (V, D) float64, dW[v] = sum of dout[n, t] over every (n, t)
    with idx[n, t] == v (zero for rows never looked up). There is no gradient
    for idx (it is integer). dout is not modified.
    """
    idx, W_shape = cache
    V, D = W_shape
    one_hot = np.eye(V)[idx.reshape(-1)]  # (N*T, V)
    dW = dout.reshape(-1, D).T @ one_hot
    return dW
