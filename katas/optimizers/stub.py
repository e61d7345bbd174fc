"""First-order optimizers as pure update functions with explicit state.

Every function takes the parameters ``w`` (float64 array, any shape), their
gradient ``dw`` (same shape) and the optimizer's state from the previous step
(``None`` before the first step), and returns ``(next_w, next_state)``: new
arrays and a new dict; ``w``, ``dw`` and ``state`` are left unchanged.

Inputs are never changed in place. See katas/optimizers/README.md.
"""
import numpy as np


def sgd_step(w, dw, state=None, learning_rate=1e-2):
    """Vanilla SGD: next_w = w - learning_rate * dw.

    SGD keeps no state: next_state is an empty dict {}.
    """
    raise NotImplementedError


def momentum_step(w, dw, state=None, learning_rate=1e-2, momentum=0.9):
    """SGD with momentum (CS231n form), state {"velocity": v}, v = 0 at first:

    v = momentum * v - learning_rate * dw;  next_w = w + v.
    """
    raise NotImplementedError


def nesterov_step(w, dw, state=None, learning_rate=1e-2, momentum=0.9):
    """Nesterov momentum with the gradient taken at w, state {"velocity": v}, v = 0 at first:

    v = momentum * v - learning_rate * dw;  next_w = w + momentum * v - learning_rate * dw
    (the new velocity is used for the look-ahead).
    """
    raise NotImplementedError


def adagrad_step(w, dw, state=None, learning_rate=1e-2, eps=1e-8):
    """AdaGrad, state {"cache": c}, c = 0 at first:

    c = c + dw**2;  next_w = w - learning_rate * dw / (sqrt(c) + eps).
    """
    raise NotImplementedError


def rmsprop_step(w, dw, state=None, learning_rate=1e-2, decay_rate=0.99, eps=1e-8):
    """RMSprop, state {"cache": c}, c = 0 at first:

    c = decay_rate * c + (1 - decay_rate) * dw**2;  next_w = w - learning_rate * dw / (sqrt(c) + eps).
    """
    raise NotImplementedError
