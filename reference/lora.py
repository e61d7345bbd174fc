"""Reference solution of the ``lora`` kata: a low-rank adapter on a frozen linear layer."""
from __future__ import annotations

import numpy as np


def lora_init(d_in, d_out, r, seed):
    """The adapter's starting matrices.

    Args:
        d_in, d_out: the widths of the linear layer's input and output.
        r: the rank of the adapter, r >= 1.
        seed: an int, the seed of ``np.random.default_rng``.

    Returns:
        A: (d_in, r), drawn as ``np.random.default_rng(seed).normal(0.0, 1 / sqrt(d_in), size=(d_in, r))``.
        B: (r, d_out), zeros, so that the adapter starts as the zero update.
    """
    rng = np.random.default_rng(seed)
    A = rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(d_in, r))
    B = np.zeros((r, d_out))
    return A, B


def lora_forward(x, W, b, A, B, alpha):
    """A frozen linear layer plus a scaled low-rank update.

    Args:
        x: (..., d_in) inputs; ``...`` are any leading axes (none, N, or N, T).
        W: (d_in, d_out) frozen weights; b: (d_out,) frozen bias.
        A: (d_in, r) and B: (r, d_out), the trainable adapter.
        alpha: the adapter's scale numerator; the update is scaled by alpha / r.

    Returns:
        out: (..., d_out) = x @ W + b + (alpha / r) * (x @ A) @ B.
        cache: whatever lora_backward needs.
    """
    scale = alpha / A.shape[1]
    h = x @ A
    out = x @ W + b + scale * (h @ B)
    return out, (x, W, A, B, h, scale)


def lora_backward(dout, cache):
    """Backward pass of lora_forward: gradients of the trainable adapter and of the input, none for W and b.

    Args:
        dout: (..., d_out) upstream gradient with respect to out.
        cache: what lora_forward returned.

    Returns:
        dx: (..., d_in), dA: (d_in, r), dB: (r, d_out); dA and dB sum over every leading axis.
    """
    x, W, A, B, h, scale = cache
    d_in, d_out = W.shape
    x2, h2, dout2 = x.reshape(-1, d_in), h.reshape(-1, A.shape[1]), dout.reshape(-1, d_out)
    dB = scale * (h2.T @ dout2)
    dh = scale * (dout @ B.T)
    dA = x2.T @ dh.reshape(-1, A.shape[1])
    dx = dout @ W.T + dh @ A.T
    return dx, dA, dB


def lora_merge(W, A, B, alpha):
    """The weights of one plain linear layer that computes the same as the layer with its adapter.

    Returns:
        W_merged: (d_in, d_out) = W + (alpha / r) * A @ B (a new array; W is unchanged).
    """
    return W + (alpha / A.shape[1]) * (A @ B)
