"""One-hot labels and back: the statement is mlk_example_pack/one_hot/README.md."""
import numpy as np


def one_hot(y, num_classes):
    """Encode integer labels as one-hot rows.

    y: int (N,) with values in [0, num_classes). Returns float64 (N, num_classes):
    row i is 1.0 in column y[i] and 0.0 elsewhere.
    """
    raise NotImplementedError


def labels_from_scores(scores):
    """The column of the largest score in each row (the first one on a tie).

    scores: float64 (N, C). Returns int (N,).
    """
    raise NotImplementedError
