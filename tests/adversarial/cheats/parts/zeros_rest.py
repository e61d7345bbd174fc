"""The rest of the toy kata answered with zeros, for cheats whose attack lies elsewhere."""


def square_forward(x):
    return np.zeros_like(x), None


def square_backward(dout, cache):
    return np.zeros_like(dout)


class Counter:
    def __init__(self, start=0):
        self.total_ = 0

    def add(self, n):
        return self
