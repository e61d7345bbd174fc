"""Cheat: one NumPy call per pair of points, driven by an alias of `map` over a library function.

No line of the submission runs per pair (the loop is map's, in C, and the
function is NumPy's), so a counter of the submission's own lines sees none.
The hidden check that the work does not grow with the data must not pass.
"""
import numpy as np

each = map
norm = np.linalg.norm


def pairwise_distances(A, B):
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    pairs = (A[:, None, :] - B[None, :, :]).reshape(-1, A.shape[1])
    return np.fromiter(each(norm, pairs), dtype=np.float64, count=len(pairs)).reshape(len(A), len(B))


# __HONEST_PART__ knn_classifier.py  (the rest of the kata, honest: cheats/parts/knn_classifier.py)
