"""Perceptron kata: implement Rosenblatt's perceptron for labels in {-1, +1}.

Read katas/perceptron/README.md first. Grade with ``python grade.py --kata perceptron``.
"""
import numpy as np


class Perceptron:
    """A linear classifier trained with the perceptron rule.

    Parameters
    ----------
    learning_rate : float
        Step size of each update (``lr``).
    n_epochs : int
        Maximum number of passes over the training set.

    Fitted attributes
    -----------------
    coef_ : ndarray, shape (D,), float64
        The weight vector ``w``.
    intercept_ : float
        The bias ``b``.
    n_iter_ : int
        The number of epochs run, the last one included.
    """

    def __init__(self, learning_rate=1.0, n_epochs=100):
        self.learning_rate = learning_rate
        self.n_epochs = n_epochs

    def fit(self, X, y):
        """Train on ``X`` of shape (N, D) and labels ``y`` of shape (N,) in {-1, +1}; return ``self``.

        ``w`` and ``b`` start at zero. Each epoch visits the samples in the given
        order; a sample with ``y_i * (w @ x_i + b) <= 0`` is a mistake and updates
        ``w += lr * y_i * x_i`` and ``b += lr * y_i``. Training stops after the
        first epoch without a mistake, or after ``n_epochs`` epochs.
        """
        raise NotImplementedError

    def decision_function(self, X):
        """Signed scores ``X @ coef_ + intercept_``: shape (N,), float64."""
        raise NotImplementedError

    def predict(self, X):
        """Labels of shape (N,) in {-1, +1}: +1 where the decision function is > 0, else -1."""
        raise NotImplementedError
