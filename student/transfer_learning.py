"""Kata ``transfer_learning``: a frozen pretrained feature extractor, a new head, then fine-tuning with a smaller learning rate for the base.

Read katas/transfer_learning/README.md for the statement and katas/transfer_learning/hints.md if stuck.
Grade with ``python grade.py --kata transfer_learning``.
"""
from __future__ import annotations

import numpy as np


def extract_features(X, base):
    """The pretrained base: features = relu(relu(X @ W1 + b1) @ W2 + b2).

    Args:
        X: (N, D) inputs. base: dict W1 (D, H1), b1 (H1,), W2 (H1, H2), b2 (H2,).

    Returns:
        features: (N, H2).
    """
    raise NotImplementedError


def model_loss(X, y, base, head):
    """Mean softmax cross-entropy of scores = extract_features(X, base) @ head["W"] + head["b"], and its gradients.

    Args:
        X: (N, D); y: (N,) int labels in 0..C-1; base as in extract_features; head: dict W (H2, C), b (C,).

    Returns:
        loss: float; base_grads: dict like base; head_grads: dict like head.
    """
    raise NotImplementedError


def train_head(X, y, base, num_classes, lr=0.1, epochs=100):
    """Train a new linear softmax head on the frozen base's features by full-batch gradient descent.

    The head starts at zero: W (H2, num_classes) and b (num_classes,) all 0. Each epoch takes one step
    head = head - lr * gradient of the mean cross-entropy (the base does not change).

    Returns:
        head: dict W, b; losses: list of the loss before each step (epochs floats).
    """
    raise NotImplementedError


def fine_tune(X, y, base, head, lr_head=0.1, lr_base=0.02, epochs=100, frozen=("W1", "b1")):
    """Fine-tune the head and the unfrozen part of the base by full-batch gradient descent.

    Each epoch: loss and gradients of model_loss at the current parameters; every head parameter takes
    the step -lr_head * grad, every base parameter not listed in ``frozen`` the step -lr_base * grad;
    the parameters in ``frozen`` are returned exactly as they were given.

    Returns:
        base, head: new dicts; losses: list of the loss before each step (epochs floats).
    """
    raise NotImplementedError
