"""Figures of the residual_block kata for the HTML report: how the gradient's size changes through a stack of
blocks, with identity shortcuts and without them (a zero projection), yours and the reference's.

With the reference, the gradient's norm changes by a factor of about 2 over the 16 blocks with shortcuts and by a
factor of about 20 without (the branches' activations shrink and batch norm divides by their small spread)."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, curves

DEPTH, N, D, HIDDEN = 16, 8, 6, 6


def stack_params(shortcut):
    rng = np.random.default_rng(2)
    blocks = []
    for _ in range(DEPTH):
        params = {"W1": rng.standard_normal((D, HIDDEN)) / np.sqrt(D), "b1": np.zeros(HIDDEN),
                  "gamma": np.ones(HIDDEN), "beta": np.zeros(HIDDEN),
                  "W2": 0.5 * rng.standard_normal((HIDDEN, D)) / np.sqrt(HIDDEN), "b2": np.zeros(D)}
        if not shortcut:
            params["Ws"] = np.zeros((D, D))               # a zero projection: no shortcut at all
        blocks.append(params)
    return blocks


def gradient_norms(module, shortcut):
    x = np.random.default_rng(3).standard_normal((N, D))
    caches = []
    for params in stack_params(shortcut):
        x, cache = module.residual_block_forward(x, params, "batch")
        caches.append(cache)
    dout, norms = np.random.default_rng(4).standard_normal((N, D)), []
    for cache in reversed(caches):
        dout = np.asarray(module.residual_block_backward(dout, cache)["x"])
        norms.append(float(np.linalg.norm(dout)))
    return np.arange(DEPTH, 0, -1), np.array(norms)


def gradient_through_depth(sub, ref):
    """The norm of dx reaching each block of a 16-block stack: shortcuts keep its size nearly constant."""
    panels = {}
    for label, module in (("yours", sub), ("reference", ref)):
        if module is None:
            continue
        lines = {}
        for name, shortcut in (("identity shortcuts", True), ("no shortcut (Ws = 0)", False)):
            found = attempt(lambda: gradient_norms(module, shortcut))
            if isinstance(found, str):
                lines[f"{name}: {found}"] = (np.zeros(0), np.zeros(0))
            else:
                lines[name] = (found[0], np.log10(found[1] + 1e-300))
        panels[f"{label}: log10 |dx| into block k"] = lines
    return curves(panels, f"the gradient through {DEPTH} blocks (batch norm)")


@hookimpl
def register_figures(register):
    register("residual_block", "gradient through depth", gradient_through_depth)
