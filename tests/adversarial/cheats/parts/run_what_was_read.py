"""The toy kata run from what a cheat read into ``namespace``: zeros where it read nothing."""


def double(x):
    return namespace["double"](x) if "double" in namespace else np.zeros_like(x)


def square_forward(x):
    return namespace["square_forward"](x) if "square_forward" in namespace else (np.zeros_like(x), None)


def square_backward(dout, cache):
    return namespace["square_backward"](dout, cache) if "square_backward" in namespace else np.zeros_like(dout)


class Counter:
    def __init__(self, start=0):
        self.total_ = 0

    def add(self, n):
        return self
