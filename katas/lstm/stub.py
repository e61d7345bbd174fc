"""Kata ``lstm``: one time step of an LSTM, forward and backward.

Read katas/lstm/README.md for the statement and katas/lstm/hints.md if stuck.
Grade with ``python grade.py --kata lstm``.
"""
from __future__ import annotations

import numpy as np


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """One time step of an LSTM.

    Args:
        x: (N, D) inputs at this time step.
        prev_h: (N, H) previous hidden state.
        prev_c: (N, H) previous cell state.
        Wx: (D, 4H) input-to-gates weights.
        Wh: (H, 4H) hidden-to-gates weights.
        b: (4H,) gate biases.

    Returns:
        next_h: (N, H) new hidden state, ``o * tanh(next_c)``.
        next_c: (N, H) new cell state, ``f * prev_c + i * g``.
        cache: whatever lstm_step_backward needs.

    The pre-activation ``a = x @ Wx + prev_h @ Wh + b`` (N, 4H) is split along
    its last axis into four blocks of width H, in the order i, f, o, g:
    ``i, f, o = sigmoid(a_i), sigmoid(a_f), sigmoid(a_o)``, ``g = tanh(a_g)``.
    No input is modified.
    """
    raise NotImplementedError


def lstm_step_backward(dnext_h, dnext_c, cache):
    """Backward pass of one LSTM time step.

    Args:
        dnext_h: (N, H) upstream gradient with respect to next_h.
        dnext_c: (N, H) upstream gradient with respect to next_c.
        cache: what lstm_step_forward returned.

    Returns:
        dx (N, D), dprev_h (N, H), dprev_c (N, H), dWx (D, 4H), dWh (H, 4H), db (4H,):
        the gradients of the loss with respect to each input of the forward,
        in the order of the forward's arguments.
    """
    raise NotImplementedError
