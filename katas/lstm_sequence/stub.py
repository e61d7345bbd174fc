"""LSTM over a sequence: forward and backward (backpropagation through time).

Gate order (as in the ``lstm`` kata): ``a = x @ Wx + prev_h @ Wh + b`` is split
into four blocks of H columns, i, f, o, g, in that order. You may reuse your
own step functions: ``from lstm import lstm_step_forward, lstm_step_backward``
(your ``lstm.py`` sits in the same folder as this file).
"""
import numpy as np


def lstm_forward(x, h0, Wx, Wh, b):
    """Run an LSTM over a whole sequence; the initial cell state is zero.

    Inputs:
    - x: (N, T, D) input sequence, float64
    - h0: (N, H) initial hidden state
    - Wx: (D, 4H) input-to-hidden weights, gate blocks in the order i, f, o, g
    - Wh: (H, 4H) hidden-to-hidden weights
    - b: (4H,) biases

    Returns (h, cache):
    - h: (N, T, H) hidden states for every time step, float64
    - cache: whatever lstm_backward needs
    """
    raise NotImplementedError


def lstm_backward(dh, cache):
    """Backward pass through the whole sequence (backpropagation through time).

    Inputs:
    - dh: (N, T, H) upstream gradient of the loss with respect to every hidden state h[:, t, :]
    - cache: from lstm_forward

    Returns (dx, dh0, dWx, dWh, db) with the shapes of x (N, T, D), h0 (N, H),
    Wx (D, 4H), Wh (H, 4H) and b (4H,).
    """
    raise NotImplementedError
