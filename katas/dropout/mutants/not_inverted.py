"""Mutant: the kept units are not divided by p (plain dropout), so the train-mode mean shrinks by a factor p."""
import numpy as np


def dropout_forward(x, p, mode, seed):
    """Inverted dropout.

    x: float64 array, any shape. p: keep probability, 0 < p <= 1. mode: "train" or "test".
    seed: int, the seed of the mask's generator.
    Returns (out, cache): out is float64 shaped like x: x * mask in "train" mode, a copy of x in
    "test" mode; cache holds what dropout_backward needs.
    """
    x = np.asarray(x, dtype=np.float64)
    if mode == "train":
        rng = np.random.default_rng(seed)
        mask = (rng.random(x.shape) < p).astype(np.float64)
        return x * mask, (mode, mask)
    if mode == "test":
        return x.copy(), (mode, None)
    raise ValueError(f"mode must be 'train' or 'test', got {mode!r}")


def dropout_backward(dout, cache):
    """Gradient of dropout_forward: dout * mask in "train" mode, dout in "test" mode.

    dout: float64 shaped like the forward's x; cache: from dropout_forward. Returns dx, float64 like dout.
    """
    mode, mask = cache
    dout = np.asarray(dout, dtype=np.float64)
    if mode == "train":
        return dout * mask
    return dout.copy()
