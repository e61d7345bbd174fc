"""Write into /dev/shm, / and /dev (tmpfs mounts with no size of their own) until something refuses."""
import os

import numpy as np


def _fill():
    written = 0
    for i in range(1024):
        try:
            with open(f"/dev/shm/fill-__MARKER__-{i}", "wb") as f:
                f.write(b"\1" * (1 << 20))
            written += 1
        except OSError:
            break
    states = []
    for folder in ("/", "/dev/"):
        try:
            with open(f"{folder}pwned-__MARKER__", "w") as f:
                f.write("writable")
            states.append("writable")
        except OSError:
            states.append("read-only")
    return written, states


def double(x):
    written, (root, dev) = _fill()
    raise ValueError(f"wrote {written} MiB into /dev/shm; / is {root}; /dev is {dev}")


def square_forward(x):
    return np.zeros_like(x), None


def square_backward(dout, cache):
    return np.zeros_like(dout)


class Counter:
    def __init__(self, start=0):
        self.total_ = 0

    def add(self, n):
        return self
