"""Kata ``lora``: a low-rank adapter (LoRA) on a frozen linear layer: forward, backward, merging.

Read katas/lora/README.md for the statement and katas/lora/hints.md if stuck.
Grade with ``python grade.py --kata lora``.
"""
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
    raise NotImplementedError


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
    raise NotImplementedError


def lora_backward(dout, cache):
    """Backward pass of lora_forward: gradients of the trainable adapter and of the input, none for W and b.

    Args:
        dout: (..., d_out) upstream gradient with respect to out.
        cache: what lora_forward returned.

    Returns:
        dx: (..., d_in), dA: (d_in, r), dB: (r, d_out); dA and dB sum over every leading axis.
    """
    raise NotImplementedError


def lora_merge(W, A, B, alpha):
    """The weights of one plain linear layer that computes the same as the layer with its adapter.

    Returns:
        W_merged: (d_in, d_out) = W + (alpha / r) * A @ B (a new array; W is unchanged).
    """
    raise NotImplementedError
