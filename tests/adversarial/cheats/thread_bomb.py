"""Start threads until the system refuses."""
import threading
import time

import numpy as np


def _bomb():
    threads = []
    try:
        for _ in range(100000):
            t = threading.Thread(target=time.sleep, args=(10**6,), daemon=True)
            t.start()
            threads.append(t)
    except Exception:
        pass
    return len(threads)


def double(x):
    _bomb()
    return np.zeros_like(x)


def square_forward(x):
    _bomb()
    return np.zeros_like(x), None


def square_backward(dout, cache):
    return np.zeros_like(dout)


class Counter:
    def __init__(self, start=0):
        self.total_ = 0

    def add(self, n):
        return self
