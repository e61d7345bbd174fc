"""A small fork bomb: every call forks sleepers that would outlive the grader if nobody killed them."""
import os
import sys

import numpy as np

MARKER = "__MARKER__"


def _spawn(n):
    for _ in range(n):
        try:
            pid = os.fork()
        except OSError:
            return
        if pid == 0:
            try:
                os.execv(sys.executable, [sys.executable, "-c", "import time\nwhile True: time.sleep(1)", MARKER])
            finally:
                os._exit(0)


def double(x):
    _spawn(10)
    return np.zeros_like(x)


def square_forward(x):
    _spawn(5)
    return np.zeros_like(x), None


def square_backward(dout, cache):
    return np.zeros_like(dout)


class Counter:
    def __init__(self, start=0):
        _spawn(5)
        self.total_ = 0

    def add(self, n):
        return self
