"""Correct, but every call takes just under the call time limit, so that a kata runs for minutes."""
import time


def double(x):
    time.sleep(0.7)
    return 2 * x


def square_forward(x):
    time.sleep(0.7)
    return x * x, x


def square_backward(dout, cache):
    time.sleep(0.7)
    return 2 * cache * dout


class Counter:
    def __init__(self, start=0):
        time.sleep(0.7)
        self.total_ = start

    def add(self, n):
        self.total_ += n
        return self
