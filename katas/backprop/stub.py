"""Backprop: affine and ReLU layers, the softmax cross-entropy loss, and an MLP.

Fill in every function below (see katas/backprop/README.md). Layers follow the
CS231n convention: ``*_forward`` returns ``(out, cache)`` and
``*_backward(dout, cache)`` returns the gradients with respect to the forward's
inputs, in the same order. Use float64, batch first, and never modify an input
in place. Grade with ``python grade.py --kata backprop``.
"""
import numpy as np


def affine_forward(x, w, b):
    """Fully connected layer: ``out = x @ w + b``.

    x: (N, D) inputs, w: (D, M) weights, b: (M,) biases.
    Returns out (N, M) and a cache for ``affine_backward``.
    """
    raise NotImplementedError


def affine_backward(dout, cache):
    """Gradients of an affine layer.

    dout: (N, M) upstream gradient dL/dout; cache from ``affine_forward``.
    Returns dx (N, D), dw (D, M), db (M,).
    """
    raise NotImplementedError


def relu_forward(x):
    """ReLU: ``out = max(0, x)`` elementwise.

    x: any shape. Returns out (same shape) and a cache for ``relu_backward``.
    """
    raise NotImplementedError


def relu_backward(dout, cache):
    """Gradient of ReLU: dout where the forward input was positive, 0 elsewhere.

    dout: upstream gradient, same shape as the forward's x. Returns dx (same shape).
    """
    raise NotImplementedError


def softmax_loss(scores, y):
    """Mean softmax cross-entropy loss and its gradient.

    scores: (N, C) float logits, y: (N,) integer labels in [0, C).
    Returns loss (a float, averaged over the N samples) and dscores (N, C).
    Must be numerically stable for logits of any size (e.g. 1000).
    """
    raise NotImplementedError


def mlp_loss(X, y, params):
    """Loss and gradients of an L-layer perceptron with ReLU hidden layers and a softmax loss.

    X: (N, D) inputs, y: (N,) integer labels in [0, C).
    params: {"W1": (D, H1), "b1": (H1,), ..., "WL": (H_{L-1}, C), "bL": (C,)}, L >= 1.
    Layers 1..L-1 are affine followed by ReLU; layer L is affine, then ``softmax_loss``.
    Returns loss (float) and grads, a dict with the same keys and shapes as params.
    """
    raise NotImplementedError
