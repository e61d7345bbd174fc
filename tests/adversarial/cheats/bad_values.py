"""NaN, inf, complex, float16, object arrays, broadcasting scalars and Python lists instead of arrays."""
import numpy as np


def double(x):
    choice = int(abs(x.sum()) * 1000) % 6
    if choice == 0:
        return np.full(x.shape, np.nan)
    if choice == 1:
        return np.full(x.shape, np.inf)
    if choice == 2:
        return (2 * x).astype(np.complex128)
    if choice == 3:
        return (2 * x).astype(np.float16)
    if choice == 4:
        return float(2 * x.flat[0])
    return (2 * x).tolist()


def square_forward(x):
    return np.full((1, 1), 0.0), None


def square_backward(dout, cache):
    return 0.0


class Counter:
    def __init__(self, start=0):
        self.total_ = complex(6, 0)

    def add(self, n):
        return self
