"""Backprop: affine and ReLU layers, the softmax cross-entropy loss, and an MLP.

Reference solution. Layers follow the CS231n convention: ``*_forward`` returns
``(out, cache)`` and ``*_backward(dout, cache)`` returns the gradients with
respect to the forward's inputs, in the same order. Everything is float64 and
batch first; no input is modified in place.
"""
import numpy as np


def affine_forward(x, w, b):
    """Fully connected layer: ``out = x @ w + b``.

    x: (N, D) inputs, w: (D, M) weights, b: (M,) biases.
    Returns out (N, M) and a cache for ``affine_backward``.
    """
    out = x @ w + b
    return out, (x, w)


def affine_backward(dout, cache):
    """Gradients of an affine layer.

    dout: (N, M) upstream gradient dL/dout; cache from ``affine_forward``.
    Returns dx (N, D), dw (D, M), db (M,).
    """
    x, w = cache
    dx = dout @ w.T
    dw = x.T @ dout
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x):
    """ReLU: ``out = max(0, x)`` elementwise.

    x: any shape. Returns out (same shape) and a cache for ``relu_backward``.
    """
    return np.maximum(x, 0.0), x


def relu_backward(dout, cache):
    """Gradient of ReLU: dout where the forward input was positive, 0 elsewhere.

    dout: upstream gradient, same shape as the forward's x. Returns dx (same shape).
    """
    x = cache
    return dout * (x > 0)


def softmax_loss(scores, y):
    """Mean softmax cross-entropy loss and its gradient.

    scores: (N, C) float logits, y: (N,) integer labels in [0, C).
    Returns loss (a float, averaged over the N samples) and dscores (N, C).
    Numerically stable for logits of any size (the row maximum is subtracted).
    """
    n = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    loss = -log_probs[rows, y].mean()
    dscores = np.exp(log_probs)
    dscores[rows, y] -= 1.0
    dscores /= n
    return float(loss), dscores


def _n_layers(params):
    n = 0
    while f"W{n + 1}" in params:
        n += 1
    return n


def mlp_loss(X, y, params):
    """Loss and gradients of an L-layer perceptron with ReLU hidden layers and a softmax loss.

    X: (N, D) inputs, y: (N,) integer labels in [0, C).
    params: {"W1": (D, H1), "b1": (H1,), ..., "WL": (H_{L-1}, C), "bL": (C,)}, L >= 1.
    Layers 1..L-1 are affine followed by ReLU; layer L is affine, then ``softmax_loss``.
    Returns loss (float) and grads, a dict with the same keys and shapes as params.
    """
    n_layers = _n_layers(params)
    caches = []
    h = X
    for layer in range(1, n_layers):
        a, affine_cache = affine_forward(h, params[f"W{layer}"], params[f"b{layer}"])
        h, relu_cache = relu_forward(a)
        caches.append((affine_cache, relu_cache))
    scores, last_cache = affine_forward(h, params[f"W{n_layers}"], params[f"b{n_layers}"])
    loss, dscores = softmax_loss(scores, y)

    grads = {}
    dh, grads[f"W{n_layers}"], grads[f"b{n_layers}"] = affine_backward(dscores, last_cache)
    for layer in range(n_layers - 1, 0, -1):
        affine_cache, relu_cache = caches[layer - 1]
        da = relu_backward(dh, relu_cache)
        dh, grads[f"W{layer}"], grads[f"b{layer}"] = affine_backward(da, affine_cache)
    return loss, grads
