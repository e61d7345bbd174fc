"""Capstone: train a small ReLU MLP classifier with your own layers and optimizer.

Read katas/mlp_training/README.md; grade with ``python grade.py --kata mlp_training``.
You may add helper functions (and reuse code from your earlier katas by copying it here).
"""
import numpy as np


def init_mlp(layer_sizes, seed):
    """He-initialised parameters of an MLP.

    layer_sizes: [D, H1, ..., K] (input width, hidden widths, number of classes).
    Returns a dict with "W1".."WL" of shape (layer_sizes[l-1], layer_sizes[l]) drawn from
    N(0, 2 / layer_sizes[l-1]) with np.random.default_rng(seed), and "b1".."bL" zeros of
    shape (layer_sizes[l],); L = len(layer_sizes) - 1. All float64.
    """
    raise NotImplementedError


def mlp_loss(params, X, y):
    """Mean softmax cross-entropy of the MLP and its gradients.

    params: as returned by init_mlp; X: (N, D) float64; y: (N,) ints in [0, K).
    Hidden layers: z = h @ W + b, h = relu(z); the last layer gives the scores (N, K).
    loss = mean over the batch of -log softmax(scores)[n, y[n]].
    Returns (loss: float, grads: dict with the keys and shapes of params).
    """
    raise NotImplementedError


def predict(params, X):
    """Predicted class of every row of X: argmax of the scores. Returns (N,) int64."""
    raise NotImplementedError


def train_mlp(X, y, hidden_sizes, n_epochs=100, learning_rate=0.5, batch_size=32, seed=0):
    """Train an MLP classifier with minibatch SGD.

    X: (N, D) float64; y: (N,) ints in [0, K) with K = y.max() + 1; hidden_sizes: list of widths.
    Starts from init_mlp([D, *hidden_sizes, K], seed). One generator rng = np.random.default_rng(seed),
    made before the first epoch, gives each epoch's order = rng.permutation(N); the epoch takes the
    minibatches order[0:batch_size], order[batch_size:2*batch_size], ... (the last may be smaller)
    and a step of size learning_rate on mlp_loss's gradient for each.
    Returns the trained params (same layout as init_mlp).
    """
    raise NotImplementedError
