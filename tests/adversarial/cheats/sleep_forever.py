"""Sleep for thirty years in every call."""
import time


def double(x):
    time.sleep(10**9)


def square_forward(x):
    time.sleep(10**9)


def square_backward(dout, cache):
    time.sleep(10**9)


class Counter:
    def __init__(self, start=0):
        time.sleep(10**9)
