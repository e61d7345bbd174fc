"""Write a fake 100 % report where the grader will write its own, and drop files around the project."""
import json
import os

import numpy as np

FAKE = {"schema": "ml-katas/report/1", "points": 4, "max_points": 4, "katas": []}
for path in ("__JSON__", "__ROOT__/reference/pwned-__MARKER__", "pwned-__MARKER__", "/tmp/pwned-__MARKER__",
             os.path.expanduser("~/pwned-__MARKER__"), "__CWD__/pwned-__MARKER__"):
    try:
        with open(path, "w") as f:
            json.dump(FAKE, f)
    except OSError:
        pass


def double(x):
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
