"""Reference solution of the ``transfer_learning`` kata: a frozen pretrained base, a new head, then fine-tuning."""
from __future__ import annotations

import numpy as np

BASE_KEYS, HEAD_KEYS = ("W1", "b1", "W2", "b2"), ("W", "b")


def extract_features(X, base):
    """The pretrained base: features = relu(relu(X @ W1 + b1) @ W2 + b2).

    Args:
        X: (N, D) inputs. base: dict W1 (D, H1), b1 (H1,), W2 (H1, H2), b2 (H2,).

    Returns:
        features: (N, H2).
    """
    hidden = np.maximum(X @ base["W1"] + base["b1"], 0)
    return np.maximum(hidden @ base["W2"] + base["b2"], 0)


def _head_loss(features, y, head):
    """Mean softmax cross-entropy of features @ W + b; returns loss, dscores (N, C) and the head's gradients."""
    scores = features @ head["W"] + head["b"]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -log_probs[np.arange(n), y].mean()
    dscores = np.exp(log_probs)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    return float(loss), dscores, {"W": features.T @ dscores, "b": dscores.sum(axis=0)}


def model_loss(X, y, base, head):
    """Mean softmax cross-entropy of scores = extract_features(X, base) @ head["W"] + head["b"], and its gradients.

    Args:
        X: (N, D); y: (N,) int labels in 0..C-1; base as in extract_features; head: dict W (H2, C), b (C,).

    Returns:
        loss: float; base_grads: dict like base; head_grads: dict like head.
    """
    z1 = X @ base["W1"] + base["b1"]
    h1 = np.maximum(z1, 0)
    z2 = h1 @ base["W2"] + base["b2"]
    loss, dscores, head_grads = _head_loss(np.maximum(z2, 0), y, head)
    dz2 = (dscores @ head["W"].T) * (z2 > 0)
    dz1 = (dz2 @ base["W2"].T) * (z1 > 0)
    base_grads = {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": h1.T @ dz2, "b2": dz2.sum(axis=0)}
    return loss, base_grads, head_grads


def train_head(X, y, base, num_classes, lr=0.1, epochs=100):
    """Train a new linear softmax head on the frozen base's features by full-batch gradient descent.

    The head starts at zero: W (H2, num_classes) and b (num_classes,) all 0. Each epoch takes one step
    head = head - lr * gradient of the mean cross-entropy (the base does not change).

    Returns:
        head: dict W, b; losses: list of the loss before each step (epochs floats).
    """
    features = extract_features(X, base)
    head = {"W": np.zeros((features.shape[1], num_classes)), "b": np.zeros(num_classes)}
    losses = []
    for _ in range(epochs):
        loss, _, grads = _head_loss(features, y, head)
        losses.append(loss)
        head = {k: head[k] - lr * grads[k] for k in HEAD_KEYS}
    return head, losses


def fine_tune(X, y, base, head, lr_head=0.1, lr_base=0.02, epochs=100, frozen=("W1", "b1")):
    """Fine-tune the head and the unfrozen part of the base by full-batch gradient descent.

    Each epoch: loss and gradients of model_loss at the current parameters; every head parameter takes
    the step -lr_head * grad, every base parameter not listed in ``frozen`` the step -lr_base * grad;
    the parameters in ``frozen`` are returned exactly as they were given.

    Returns:
        base, head: new dicts; losses: list of the loss before each step (epochs floats).
    """
    base, head = dict(base), dict(head)
    losses = []
    for _ in range(epochs):
        loss, base_grads, head_grads = model_loss(X, y, base, head)
        losses.append(loss)
        head = {k: head[k] - lr_head * head_grads[k] for k in HEAD_KEYS}
        base = {k: base[k] if k in frozen else base[k] - lr_base * base_grads[k] for k in BASE_KEYS}
    return base, head, losses
