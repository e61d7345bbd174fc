"""A residual block: affine -> batch or layer norm -> ReLU -> affine, plus the identity or a projection shortcut,
forward and backward.

Conventions (see katas/residual_block/README.md):
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
    axis = AXIS[norm]
    h = x @ params["W1"] + params["b1"]
    mean = h.mean(axis=axis, keepdims=True)
    inv_std = 1.0 / np.sqrt(h.var(axis=axis, keepdims=True) + eps)
    h_hat = (h - mean) * inv_std
    z = params["gamma"] * h_hat + params["beta"]
    a = np.maximum(z, 0.0)
    shortcut = x @ params["Ws"] if "Ws" in params else x
    out = a @ params["W2"] + params["b2"] + shortcut
    return out, (x, params, axis, h_hat, inv_std, z, a)


def residual_block_backward(dout, cache):
    """Gradients, a dict: "x" (N, D) and one entry per parameter, same names and shapes as params."""
    x, params, axis, h_hat, inv_std, z, a = cache
    grads = {"W2": a.T @ dout, "b2": dout.sum(axis=0)}
    dz = (dout @ params["W2"].T) * (z > 0)
    grads["gamma"] = (dz * h_hat).sum(axis=0)
    grads["beta"] = dz.sum(axis=0)
    dh_hat = dz * params["gamma"]
    dh = inv_std * (dh_hat - dh_hat.mean(axis=axis, keepdims=True)
                    - h_hat * (dh_hat * h_hat).mean(axis=axis, keepdims=True))
    grads["W1"] = x.T @ dh
    grads["b1"] = dh.sum(axis=0)
    dx = dh @ params["W1"].T
    if "Ws" in params:
        grads["Ws"] = x.T @ dout
        dx = dx + dout @ params["Ws"].T
    else:
        dx = dx + dout
    grads["x"] = dx
    return grads
