"""A residual block: affine -> batch or layer norm -> ReLU -> affine, plus the identity or a projection shortcut,
forward and backward.

Read katas/residual_block/README.md first. Conventions:
- out = relu(norm(x @ W1 + b1) * gamma + beta) @ W2 + b2 + shortcut, no ReLU after the sum.
- shortcut = x @ Ws when params has "Ws" (a projection), else x itself (then D_out == D).
- "batch" normalises each column over the batch (axis 0, training-mode statistics), "layer" each row over the
  features (axis 1); both with the biased variance and eps inside the square root.
"""
from __future__ import annotations

import numpy as np

AXIS = {"batch": 0, "layer": 1}


def residual_block_forward(x, params, norm="batch", eps=1e-5):
    """out (N, D_out) and a cache for residual_block_backward.

    x: (N, D); params: "W1" (D, H), "b1" (H,), "gamma" (H,), "beta" (H,), "W2" (H, D_out), "b2" (D_out,), and
    optionally "Ws" (D, D_out); norm: "batch" or "layer".
    """
    raise NotImplementedError


def residual_block_backward(dout, cache):
    """Gradients, a dict: "x" (N, D) and one entry per parameter, same names and shapes as params."""
    raise NotImplementedError
