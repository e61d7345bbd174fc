"""Kata ``lenet``: a LeNet-5-style CNN for 8x8 digits: forward, backward through the whole net, training.

Read katas/lenet/README.md for the statement and katas/lenet/hints.md if stuck.
Grade with ``python grade.py --kata lenet``.
"""
from __future__ import annotations

import numpy as np

# You may reuse your own layers from other katas: the folder of this file is on the import path when it is
# graded, e.g.  from conv2d import conv2d_forward, conv2d_backward   (see the README).


def init_lenet(seed):
    """He-initialised parameters of the network.

    Returns:
        params: dict of float64 arrays W1 (6, 1, 3, 3), b1 (6,), W2 (16, 6, 3, 3), b2 (16,), W3 (64, 32),
        b3 (32,), W4 (32, 10), b4 (10,). With rng = np.random.default_rng(seed), the weights are drawn in the
        order W1, W2, W3, W4, each rng.normal(0, sqrt(2 / fan_in), shape) (fan_in = C*HH*WW for a filter
        bank, D for an affine layer); biases are zero.
    """
    raise NotImplementedError


def lenet_forward(x, params):
    """Class scores of a batch of images.

    Args:
        x: (N, 1, 8, 8) float64 images.
        params: as returned by init_lenet.

    The network: conv 3x3 (pad 1) -> ReLU -> 2x2 max pool -> conv 3x3 (pad 1) -> ReLU -> 2x2 max pool
    -> flatten (N, 16 * 2 * 2) in C order -> affine -> ReLU -> affine.

    Returns:
        scores: (N, 10); cache: whatever lenet_backward needs.
    """
    raise NotImplementedError


def lenet_backward(dscores, cache):
    """Gradients of every parameter.

    Args:
        dscores: (N, 10) upstream gradient with respect to the scores.
        cache: what lenet_forward returned.

    Returns:
        grads: dict with the keys and shapes of params.
    """
    raise NotImplementedError


def lenet_loss(x, y, params):
    """The mean softmax cross-entropy of the scores and its gradients.

    Args:
        x: (N, 1, 8, 8) images; y: (N,) int labels in 0..9; params: as init_lenet.

    Returns:
        loss: float, -mean(log softmax(scores)[n, y[n]]); grads: dict like params.
    """
    raise NotImplementedError


def train_lenet(X, y, seed, epochs=8, lr=0.03, batch_size=20):
    """Train the network with SGD with momentum 0.9 on shuffled minibatches.

    Args:
        X: (N, 1, 8, 8) float64 images; y: (N,) labels; seed: params = init_lenet(seed), and the shuffles
            come from np.random.default_rng(seed + 1), one permutation per epoch.
        epochs, lr, batch_size: the schedule (the last minibatch of an epoch may be smaller).

    Every step: loss, grads = lenet_loss on the minibatch; v = 0.9 v - lr * grad; param = param + v
    (v starts at zero).

    Returns:
        params: the trained parameters; losses: list of the mean minibatch loss of every epoch.
    """
    raise NotImplementedError
