"""Write raw bytes to every file descriptor the worker holds, including the protocol pipe."""
import os



def double(x):
    for fd in range(3, 32):
        try:
            os.write(fd, b"\xff\xff\xff\xf0garbage" * 64)
        except OSError:
            pass
    return 2 * x


def square_forward(x):
    double(x)
    return x * x, x


def square_backward(dout, cache):
    return 2 * cache * dout


class Counter:
    def __init__(self, start=0):
        double(0)
        self.total_ = start

    def add(self, n):
        self.total_ += n
        return self
