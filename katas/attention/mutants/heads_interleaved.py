"""Heads take interleaved columns (j, j+h, j+2h, ...) instead of consecutive slices."""
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
    d = q.shape[-1]
    scale = 1.0 / np.sqrt(d)
    scores = (q @ np.swapaxes(k, -1, -2)) * scale
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    e = np.exp(scores)
    weights = e / e.sum(axis=-1, keepdims=True)
    out = weights @ v
    cache = (q, k, v, weights, scale)
    return out, cache


def attention_backward(dout, cache):
    """Backward pass of attention_forward.

    Args:
        dout: (..., Tq, dv) upstream gradient with respect to out.
        cache: what attention_forward returned.

    Returns:
        dq (..., Tq, d), dk (..., Tk, d), dv (..., Tk, dv): the gradients of the loss
        with respect to q, k and v (the mask gets none).
    """
    q, k, v, weights, scale = cache
    dv = np.swapaxes(weights, -1, -2) @ dout
    dweights = dout @ np.swapaxes(v, -1, -2)
    # Softmax Jacobian, row by row: dscores = w * (dw - sum(dw * w)). Masked weights are 0, so are their gradients.
    dscores = weights * (dweights - np.sum(dweights * weights, axis=-1, keepdims=True))
    dscores = dscores * scale
    dq = dscores @ k
    dk = np.swapaxes(dscores, -1, -2) @ q
    return dq, dk, dv


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
    N, T, E = x.shape
    dh = E // num_heads

    def split(a):  # (N, T, E) -> (N, h, T, dh)
        return a.reshape(N, T, dh, num_heads).transpose(0, 3, 1, 2)

    q, k, v = split(x @ Wq), split(x @ Wk), split(x @ Wv)
    if mask is not None:
        mask = np.broadcast_to(mask, (N, T, T))[:, None, :, :]  # the same mask for every head
    heads, _ = attention_forward(q, k, v, mask)
    concat = heads.transpose(0, 2, 3, 1).reshape(N, T, E)
    return concat @ Wo
