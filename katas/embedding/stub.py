"""Word embeddings: a lookup table, forward and backward.

An embedding layer maps integer token ids to rows of a weight matrix
W (V, D): out[n, t] = W[idx[n, t]]. Its gradient scatters each upstream
row back to the row of W it came from, adding up repeats.
"""
import numpy as np


def embedding_forward(idx, W):
    """Look up the embedding of every index.

    idx: (N, T) integer array, values in [0, V); W: (V, D) float64.
    Returns (out, cache): out (N, T, D) float64 with out[n, t, :] = W[idx[n, t], :];
    cache holds what embedding_backward needs. Neither input is modified.
    """
    raise NotImplementedError


def embedding_backward(dout, cache):
    """Gradient of the lookup with respect to W.

    dout: (N, T, D) upstream gradient; cache from embedding_forward.
    Returns dW: (V, D) float64, dW[v] = sum of dout[n, t] over every (n, t)
    with idx[n, t] == v (zero for rows never looked up). There is no gradient
    for idx (it is integer). dout is not modified.
    """
    raise NotImplementedError
