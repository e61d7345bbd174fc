"""GRU cell: forward and backward of one step, PyTorch's formulation.

Gates are stacked in the order r (reset), z (update), n (new/candidate) along
the last axis of the weights: Wx (D, 3H) = [Wx_r | Wx_z | Wx_n], likewise Wh,
bx and bh. With x (N, D) and h = prev_h (N, H):

    r  = sigmoid(x Wx_r + bx_r + h Wh_r + bh_r)
    z  = sigmoid(x Wx_z + bx_z + h Wh_z + bh_z)
    n  = tanh(x Wx_n + bx_n + r * (h Wh_n + bh_n))
    h' = (1 - z) * n + z * h
"""
import numpy as np


def sigmoid(a):
    """Logistic function 1 / (1 + exp(-a)), elementwise, without overflow for large |a|."""
    raise NotImplementedError


def gru_step_forward(x, prev_h, Wx, Wh, bx, bh):
    """One GRU step.

    x: (N, D) inputs; prev_h: (N, H) previous hidden state;
    Wx: (D, 3H) input weights, Wh: (H, 3H) hidden weights, bx: (3H,), bh: (3H,)
    biases, each stacked [r | z | n] along the last axis.
    Returns (next_h, cache): next_h (N, H) float64; cache for gru_step_backward.
    No input is modified.
    """
    raise NotImplementedError


def gru_step_backward(dnext_h, cache):
    """Backward pass of one GRU step.

    dnext_h: (N, H) gradient of the loss with respect to next_h; cache from gru_step_forward.
    Returns (dx, dprev_h, dWx, dWh, dbx, dbh) with the shapes of (x, prev_h, Wx, Wh, bx, bh).
    """
    raise NotImplementedError
