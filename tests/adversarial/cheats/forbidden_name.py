"""Call a function the kata forbids (numpy.linalg.inv), under an alias."""
import numpy as np
from numpy import linalg as la


def double(x):
    return 2 * x @ la.inv(np.eye(x.shape[1]))


def square_forward(x):
    return x * x @ np.linalg.inv(np.eye(x.shape[1])), x


def square_backward(dout, cache):
    return 2 * cache * dout


class Counter:
    def __init__(self, start=0):
        self.total_ = start

    def add(self, n):
        self.total_ += n
        return self
