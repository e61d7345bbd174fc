"""Cheat: the line tracer is switched off around the double loop and put back afterwards.

`sys.gettrace()` is the grader's own tracer again when the call returns, so a
check of the tracer at the end sees nothing. The hidden check that the work
does not grow with the data must not pass.
"""
import sys

import numpy as np


def _fill(A, B):
    D = np.empty((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            D[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))
    return D


_work = _fill  # an alias: a reading of the file that follows calls by name does not follow it


def pairwise_distances(A, B):
    saved = sys.gettrace()
    sys.settrace(None)
    try:
        return _work(np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64))
    finally:
        sys.settrace(saved)


# __HONEST_PART__ knn_classifier.py  (the rest of the kata, honest: cheats/parts/knn_classifier.py)
