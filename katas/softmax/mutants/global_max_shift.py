"""Mutant: subtracts the max of the whole array instead of each row's max, so rows far below it underflow to 0/0."""
import numpy as np


def softmax(logits):
    """Row-wise softmax: exp(z_ij) / sum_k exp(z_ik), stable for large logits.

    logits: float64 (N, C). Returns float64 (N, C); every row is positive and sums to 1.
    """
    z = np.asarray(logits, dtype=np.float64)
    shifted = z - z.max()
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(logits):
    """Row-wise log of the softmax: z_ij - logsumexp_k(z_ik), finite even where softmax underflows to 0.

    logits: float64 (N, C). Returns float64 (N, C), every entry <= 0.
    """
    z = np.asarray(logits, dtype=np.float64)
    shifted = z - z.max()
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy(logits, y):
    """Mean cross-entropy of integer labels and its gradient with respect to the logits.

    logits: float64 (N, C); y: int (N,) with values in [0, C).
    Returns (loss, dlogits): loss = -(1/N) sum_i log_softmax(logits)[i, y_i], a float;
    dlogits = (softmax(logits) - onehot(y)) / N, float64 (N, C).
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y)
    n = z.shape[0]
    logp = log_softmax(z)
    rows = np.arange(n)
    loss = -float(np.mean(logp[rows, y]))
    dlogits = np.exp(logp)
    dlogits[rows, y] -= 1.0
    return loss, dlogits / n
