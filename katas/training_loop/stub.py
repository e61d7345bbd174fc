"""A training loop: shuffled minibatches, gradient clipping by global norm, early stopping that restores the best
parameters, on a given softmax-regression model.

Read katas/training_loop/README.md first. Conventions:
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
    raise NotImplementedError


def clip_by_global_norm(grads, max_norm):
    """(clipped, norm): grads (a dict name -> array) scaled by max_norm / norm when their global norm exceeds
    max_norm, else unchanged (copies); norm is the global norm before clipping."""
    raise NotImplementedError


def early_stopping_update(state, val_loss, params, patience, min_delta=0.0):
    """(state, stop) after one more epoch's validation loss.

    state is None before the first epoch, then a dict: "epoch" (epochs seen), "best_loss", "best_epoch" (0-based),
    "best_params" (a copy of params at the best epoch) and "bad_epochs" (epochs in a row without improvement).
    stop is True once bad_epochs reaches patience.
    """
    raise NotImplementedError


def train(params, X, y, X_val, y_val, learning_rate, batch_size, n_epochs, patience, max_norm, seed):
    """Minibatch SGD on softmax_regression_loss with clipping and early stopping.

    Returns (best_params, history): history has "train_loss" and "val_loss" (one float per epoch run: the loss on
    the whole training set and on the validation set after the epoch's updates) and "best_epoch" (0-based).
    """
    raise NotImplementedError


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
