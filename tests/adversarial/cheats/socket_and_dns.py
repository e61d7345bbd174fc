"""Phone home: connect to a port on localhost and look up a host name."""
import socket

import numpy as np


def _phone_home():
    try:
        with socket.create_connection(("127.0.0.1", __PORT__), timeout=0.5) as s:
            s.sendall(b"CHEAT __MARKER__")
    except OSError:
        pass
    try:
        socket.getaddrinfo("example.com", 80)
    except OSError:
        pass


_phone_home()


def double(x):
    _phone_home()
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
