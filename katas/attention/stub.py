"""Kata ``attention``: scaled dot-product attention, its backward, and multi-head self-attention.

Read katas/attention/README.md for the statement and katas/attention/hints.md if stuck.
Grade with ``python grade.py --kata attention``.
"""
from __future__ import annotations

import numpy as np


def attention_forward(q, k, v, mask=None):
    """Scaled dot-product attention.

    Args:
        q: (..., Tq, d) queries.
        k: (..., Tk, d) keys.
        v: (..., Tk, dv) values.
        mask: None, or a boolean array broadcastable to (..., Tq, Tk): True where
            a query may attend to a key. Every query may attend to at least one key.

    The leading axes ``...`` (none, one or more) are batch axes, the same for
    q, k and v.

    Returns:
        out: (..., Tq, dv), ``weights @ v`` where ``weights`` (..., Tq, Tk) is the
            softmax over keys (the last axis) of ``q @ k^T / sqrt(d)``, with the
            disallowed positions left out (their weight is exactly 0).
        cache: whatever attention_backward needs.
    """
    raise NotImplementedError


def attention_backward(dout, cache):
    """Backward pass of attention_forward.

    Args:
        dout: (..., Tq, dv) upstream gradient with respect to out.
        cache: what attention_forward returned.

    Returns:
        dq (..., Tq, d), dk (..., Tk, d), dv (..., Tk, dv): the gradients of the loss
        with respect to q, k and v (the mask gets none).
    """
    raise NotImplementedError


def multi_head_self_attention(x, Wq, Wk, Wv, Wo, num_heads, mask=None):
    """Multi-head self-attention (forward only).

    Args:
        x: (N, T, E) input sequences.
        Wq, Wk, Wv, Wo: (E, E) query, key, value and output projections.
        num_heads: number of heads h; E is a multiple of h and each head has
            width E // h.
        mask: None, or a boolean array broadcastable to (N, T, T): True where
            position t may attend to position s. The same mask applies to every head.

    Returns:
        out: (N, T, E). With Q = x @ Wq, K = x @ Wk, V = x @ Wv, head j uses the
            consecutive columns j*(E//h) .. (j+1)*(E//h) - 1 of Q, K and V;
            the heads' outputs are concatenated in order and multiplied by Wo.
    """
    raise NotImplementedError
