"""Put terminal escape sequences (window title, clipboard OSC 52, clear screen, cursor moves) in exception
messages, in a class name and in a failing import's traceback line, where no output capture strips them."""
import numpy as np

EVIL = "\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[1;1H\x1b[31mPASSED\x1b[0m\x9b2J"


def double(x):
    raise ValueError(EVIL)


def square_forward(x):
    return np.zeros_like(x), type(EVIL, (), {})()


def square_backward(dout, cache):
    raise RuntimeError(EVIL + repr(cache))


class Counter:
    def __init__(self, start=0):
        raise KeyError(EVIL)
