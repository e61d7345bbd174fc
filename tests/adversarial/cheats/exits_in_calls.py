"""Every function leaves in a different way: SystemExit, os._exit, KeyboardInterrupt."""
import os
import sys


def double(x):
    sys.exit(0)


def square_forward(x):
    os._exit(0)


def square_backward(dout, cache):
    raise KeyboardInterrupt


class Counter:
    def __init__(self, start=0):
        raise SystemExit(0)
