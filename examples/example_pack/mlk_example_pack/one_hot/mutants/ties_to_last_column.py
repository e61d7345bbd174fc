"""Breaks ties towards the last column (argmax of the reversed row)."""
import numpy as np


def one_hot(y, num_classes):
    out = np.zeros((len(y), num_classes))
    out[np.arange(len(y)), y] = 1.0
    return out


def labels_from_scores(scores):
    return scores.shape[1] - 1 - np.argmax(scores[:, ::-1], axis=1)
