"""Mutant: momentum_step moves w by the old velocity and only then updates it (w + v_old instead of w + v_new)."""
import numpy as np


def _get(state, key, like):
    """state[key] as a float64 array, or zeros shaped like ``like`` for a fresh optimizer."""
    if state is None:
        return np.zeros_like(like, dtype=np.float64)
    return np.asarray(state[key], dtype=np.float64)


def sgd_step(w, dw, state=None, learning_rate=1e-2):
    """Vanilla SGD: next_w = w - learning_rate * dw.

    SGD keeps no state: next_state is an empty dict {}.
    """
    w = np.asarray(w, dtype=np.float64)
    dw = np.asarray(dw, dtype=np.float64)
    return w - learning_rate * dw, {}


def momentum_step(w, dw, state=None, learning_rate=1e-2, momentum=0.9):
    """SGD with momentum (CS231n form), state {"velocity": v}, v = 0 at first:

    v = momentum * v - learning_rate * dw;  next_w = w + v.
    """
    w = np.asarray(w, dtype=np.float64)
    dw = np.asarray(dw, dtype=np.float64)
    v_old = _get(state, "velocity", w)
    v = momentum * v_old - learning_rate * dw
    return w + v_old, {"velocity": v}


def nesterov_step(w, dw, state=None, learning_rate=1e-2, momentum=0.9):
    """Nesterov momentum with the gradient taken at w, state {"velocity": v}, v = 0 at first:

    v = momentum * v - learning_rate * dw;  next_w = w + momentum * v - learning_rate * dw
    (the new velocity is used for the look-ahead).
    """
    w = np.asarray(w, dtype=np.float64)
    dw = np.asarray(dw, dtype=np.float64)
    v = momentum * _get(state, "velocity", w) - learning_rate * dw
    return w + momentum * v - learning_rate * dw, {"velocity": v}


def adagrad_step(w, dw, state=None, learning_rate=1e-2, eps=1e-8):
    """AdaGrad, state {"cache": c}, c = 0 at first:

    c = c + dw**2;  next_w = w - learning_rate * dw / (sqrt(c) + eps).
    """
    w = np.asarray(w, dtype=np.float64)
    dw = np.asarray(dw, dtype=np.float64)
    cache = _get(state, "cache", w) + dw * dw
    return w - learning_rate * dw / (np.sqrt(cache) + eps), {"cache": cache}


def rmsprop_step(w, dw, state=None, learning_rate=1e-2, decay_rate=0.99, eps=1e-8):
    """RMSprop, state {"cache": c}, c = 0 at first:

    c = decay_rate * c + (1 - decay_rate) * dw**2;  next_w = w - learning_rate * dw / (sqrt(c) + eps).
    """
    w = np.asarray(w, dtype=np.float64)
    dw = np.asarray(dw, dtype=np.float64)
    cache = decay_rate * _get(state, "cache", w) + (1.0 - decay_rate) * dw * dw
    return w - learning_rate * dw / (np.sqrt(cache) + eps), {"cache": cache}
