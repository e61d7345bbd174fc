"""A training loop: shuffled minibatches, gradient clipping by global norm, early stopping that restores the best
parameters, on a given softmax-regression model.

Conventions (see katas/training_loop/README.md):
- One generator rng = np.random.default_rng(seed) for the whole run; epoch e visits rng.permutation(n) (the
  e-th call) in consecutive batches of batch_size, the last one smaller when batch_size does not divide n.
- The global norm is sqrt of the sum of squares of every gradient entry; when it exceeds max_norm every
  gradient is multiplied by max_norm / norm, otherwise nothing changes.
- Early stopping: a validation loss is an improvement only when it is below best - min_delta (an equal loss is
  not); training stops once `patience` epochs in a row brought no improvement; the best parameters are restored.
"""
from __future__ import annotations

import numpy as np


def minibatches(n, batch_size, n_epochs, seed):
    """Index batches of every epoch: a list of n_epochs lists of int64 arrays.

    Epoch e is the e-th rng.permutation(n) of rng = np.random.default_rng(seed), cut into consecutive batches of
    batch_size samples, the last one smaller when batch_size does not divide n.
    """
    rng = np.random.default_rng(seed)
    epochs = []
    for _ in range(n_epochs):
        order = rng.permutation(n)
        epochs.append([order[start:start + batch_size] for start in range(0, n, batch_size)])
    return epochs


def clip_by_global_norm(grads, max_norm):
    """(clipped, norm): grads (a dict name -> array) scaled by max_norm / norm when their global norm exceeds
    max_norm, else unchanged (copies); norm is the global norm before clipping."""
    norm = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
    scale = max_norm / norm if norm > max_norm else 1.0
    return {name: g * scale for name, g in grads.items()}, norm


def early_stopping_update(state, val_loss, params, patience, min_delta=0.0):
    """(state, stop) after one more epoch's validation loss.

    state is None before the first epoch, then a dict: "epoch" (epochs seen), "best_loss", "best_epoch" (0-based),
    "best_params" (a copy of params at the best epoch) and "bad_epochs" (epochs in a row without improvement).
    stop is True once bad_epochs reaches patience.
    """
    epoch = 0 if state is None else state["epoch"]
    if state is None or val_loss < state["best_loss"] - min_delta:
        state = {"best_loss": float(val_loss), "best_epoch": epoch,
                 "best_params": {name: np.array(p, copy=True) for name, p in params.items()}, "bad_epochs": 0}
    else:
        state = {**state, "bad_epochs": state["bad_epochs"] + 1}
    state["epoch"] = epoch + 1
    return state, state["bad_epochs"] >= patience


def train(params, X, y, X_val, y_val, learning_rate, batch_size, n_epochs, patience, max_norm, seed):
    """Minibatch SGD on softmax_regression_loss with clipping and early stopping.

    Returns (best_params, history): history has "train_loss" and "val_loss" (one float per epoch run: the loss on
    the whole training set and on the validation set after the epoch's updates) and "best_epoch" (0-based).
    """
    params = {name: np.array(p, dtype=np.float64, copy=True) for name, p in params.items()}
    history = {"train_loss": [], "val_loss": []}
    state = None
    for batches in minibatches(len(X), batch_size, n_epochs, seed):
        for batch in batches:
            _, grads = softmax_regression_loss(params, X[batch], y[batch])
            grads, _ = clip_by_global_norm(grads, max_norm)
            for name in params:
                params[name] -= learning_rate * grads[name]
        history["train_loss"].append(softmax_regression_loss(params, X, y)[0])
        history["val_loss"].append(softmax_regression_loss(params, X_val, y_val)[0])
        state, stop = early_stopping_update(state, history["val_loss"][-1], params, patience)
        if stop:
            break
    history["best_epoch"] = state["best_epoch"]
    return state["best_params"], history


def softmax_regression_loss(params, X, y):
    """GIVEN (do not change; the checks use it): mean softmax cross-entropy of a linear classifier and its gradients.

    params: {"W": (d, c), "b": (c,)}; X: (n, d) float64; y: (n,) ints in [0, c).
    Returns (loss, grads) with grads = {"W": (d, c), "b": (c,)}.
    """
    scores = X @ params["W"] + params["b"]
    scores = scores - scores.max(axis=1, keepdims=True)
    log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    n = len(y)
    loss = float(-log_p[np.arange(n), y].mean())
    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1.0
    dscores /= n
    return loss, {"W": X.T @ dscores, "b": dscores.sum(axis=0)}
