"""Call the forbidden numpy.linalg.inv through paths other than its name.

double reaches the same object through NumPy's private module, square_forward
finds the Python implementation behind NumPy's dispatcher among the garbage
collector's objects. square_backward and Counter are honest.
"""
import gc
import importlib
import types

import numpy as np


def double(x):
    inv = getattr(importlib.import_module("numpy.linalg._linalg"), "inv")
    return 2 * x @ inv(np.eye(x.shape[1]))


def square_forward(x):
    inv = next(o for o in gc.get_objects()
               if type(o) is types.FunctionType and o.__name__ == "inv" and o.__module__.startswith("numpy.linalg"))
    return x * x @ inv(np.eye(x.shape[1])), x


def square_backward(dout, cache):
    return 2 * cache * dout


# __HONEST_PART__ toy_counter.py  (the rest of the kata, honest: cheats/parts/toy_counter.py)
