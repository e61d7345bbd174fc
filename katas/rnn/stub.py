"""Vanilla (tanh) RNN: one step and a whole sequence, forward and backward.

h_t = tanh(x_t Wx + h_{t-1} Wh + b), batch first, float64. The sequence
backward is backpropagation through time (BPTT): the gradient reaching h_t
comes both from the loss at step t (dh[:, t]) and from step t + 1.
"""
import numpy as np


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """One time step of a tanh RNN.

    x: (N, D) inputs; prev_h: (N, H) previous hidden state;
    Wx: (D, H) input-to-hidden weights; Wh: (H, H) hidden-to-hidden weights; b: (H,) bias.
    Returns (next_h, cache): next_h = tanh(x @ Wx + prev_h @ Wh + b), shape (N, H) float64.
    No input is modified.
    """
    raise NotImplementedError


def rnn_step_backward(dnext_h, cache):
    """Backward pass of one time step.

    dnext_h: (N, H) gradient of the loss with respect to next_h; cache from rnn_step_forward.
    Returns (dx, dprev_h, dWx, dWh, db) with the shapes of (x, prev_h, Wx, Wh, b).
    """
    raise NotImplementedError


def rnn_forward(x, h0, Wx, Wh, b):
    """Run the RNN over a whole sequence.

    x: (N, T, D) inputs; h0: (N, H) initial hidden state; Wx: (D, H); Wh: (H, H); b: (H,).
    Returns (h, cache): h (N, T, H) float64, the hidden state after every step
    (h[:, t] = h_t; h0 itself is not included). No input is modified.
    """
    raise NotImplementedError


def rnn_backward(dh, cache):
    """Backpropagation through time.

    dh: (N, T, H) gradient of the loss with respect to every hidden state h[:, t]
    (the upstream gradient only, not including what flows back through later steps);
    cache from rnn_forward.
    Returns (dx, dh0, dWx, dWh, db) with the shapes of (x, h0, Wx, Wh, b).
    """
    raise NotImplementedError
