"""Reference solution of the one_hot kata."""
import numpy as np


def one_hot(y, num_classes):
    out = np.zeros((len(y), num_classes))
    out[np.arange(len(y)), y] = 1.0
    return out


def labels_from_scores(scores):
    return np.argmax(scores, axis=1)
