"""A linear soft-margin SVM trained by full-batch subgradient descent. See katas/svm/README.md."""
import numpy as np


def hinge_loss(w, b, X, y, reg):
    """Regularised mean hinge loss of a linear SVM and its subgradient.

    w : (D,) float64 weights; b : float bias; X : (N, D) float64; y : (N,) labels in {-1, +1};
    reg : float >= 0, the L2 strength (the bias is not regularised).

    loss = reg / 2 * ||w||^2 + (1 / N) * sum_i max(0, 1 - y_i * (X[i] @ w + b))

    Subgradient convention: sample i is "active" when its margin y_i * (X[i] @ w + b)
    is strictly below 1; at margin exactly 1 it contributes nothing to the gradient.

    Returns (loss, dw, db): loss a float, dw of shape (D,) float64, db a float.
    """
    raise NotImplementedError


class LinearSVM:
    """A linear soft-margin SVM for labels in {-1, +1}, trained by full-batch subgradient descent.

    Parameters: reg (L2 strength), lr (step size), n_epochs (number of steps).

    Fitted attributes
    -----------------
    coef_ : (D,) float64, the weights w
    intercept_ : float, the bias b
    loss_history_ : (n_epochs,) float64, the loss before each step
    """

    def __init__(self, reg=0.01, lr=0.1, n_epochs=100):
        self.reg = reg
        self.lr = lr
        self.n_epochs = n_epochs

    def fit(self, X, y):
        """Train on X (N, D) and y (N,) in {-1, +1}; return ``self``.

        w = zeros(D), b = 0.0; then n_epochs times: loss, dw, db = hinge_loss(w, b, X, y, reg);
        record loss; w = w - lr * dw; b = b - lr * db.
        """
        raise NotImplementedError

    def decision_function(self, X):
        """Scores X @ coef_ + intercept_: shape (N,), float64."""
        raise NotImplementedError

    def predict(self, X):
        """Labels (N,) int64 in {-1, +1}: +1 where the decision function is > 0, else -1."""
        raise NotImplementedError