"""lstm: a correct forward and a backward that differentiates it numerically (directional finite differences).

Every gradient is the numerical gradient of the learner's own lstm_step_forward,
taken with a step large enough (1e-2 of the inputs, with Richardson's
extrapolation) that the inputs of successive calls are not tiny perturbations
of each other: only the number of forward calls gives it away.
"""
import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i, f, o = _sigmoid(a[:, :H]), _sigmoid(a[:, H:2 * H]), _sigmoid(a[:, 2 * H:3 * H])
    g = np.tanh(a[:, 3 * H:])
    next_c = f * prev_c + i * g
    next_h = o * np.tanh(next_c)
    return next_h, next_c, (x, prev_h, prev_c, Wx, Wh, b)


def _loss(inputs, dnext_h, dnext_c):
    next_h, next_c, _ = lstm_step_forward(*inputs)
    return np.sum(next_h * dnext_h) + np.sum(next_c * dnext_c)


def lstm_step_backward(dnext_h, dnext_c, cache):
    inputs = [np.array(a, dtype=np.float64) for a in cache]
    grads = []
    for k, x in enumerate(inputs):
        grad = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            def at(step):
                moved = [a.copy() for a in inputs]
                moved[k][i] += step
                return _loss(moved, dnext_h, dnext_c)
            h = 1e-2
            d1 = (at(h) - at(-h)) / (2 * h)
            d2 = (at(2 * h) - at(-2 * h)) / (4 * h)
            grad[i] = (4 * d1 - d2) / 3
        grads.append(grad)
    return tuple(grads)
