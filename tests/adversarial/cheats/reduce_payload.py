"""Return objects whose unpickling would run code, and arrays of dtype object."""
import os

import numpy as np


class Payload:
    def __reduce__(self):
        return (os.system, ("touch __CANARY__",))


def double(x):
    out = np.empty(x.shape, dtype=object)
    out[...] = Payload()
    return out


def square_forward(x):
    return Payload(), Payload()


def square_backward(dout, cache):
    return np.array([Payload()], dtype=object)


class Counter:
    def __init__(self, start=0):
        self.total_ = Payload()

    def add(self, n):
        return Payload()
