"""Reference solution for the perceptron kata: Rosenblatt's perceptron for labels in {-1, +1}."""
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
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        lr = float(self.learning_rate)
        w = np.zeros(X.shape[1])
        b = 0.0
        epochs = 0
        for _ in range(self.n_epochs):
            epochs += 1
            mistakes = 0
            for x_i, y_i in zip(X, y):
                if y_i * (x_i @ w + b) <= 0:
                    w = w + lr * y_i * x_i
                    b = b + lr * y_i
                    mistakes += 1
            if mistakes == 0:
                break
        self.coef_ = w
        self.intercept_ = float(b)
        self.n_iter_ = epochs
        return self

    def decision_function(self, X):
        """Signed scores ``X @ coef_ + intercept_``: shape (N,), float64."""
        return np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_

    def predict(self, X):
        """Labels of shape (N,) in {-1, +1}: +1 where the decision function is > 0, else -1."""
        return np.where(self.decision_function(X) > 0, 1, -1)
