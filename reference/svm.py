"""Reference solution for the svm kata: a linear soft-margin SVM trained by full-batch subgradient descent."""
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
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = X.shape[0]
    margins = y * (X @ w + b)
    active = (margins < 1).astype(np.float64)
    loss = 0.5 * reg * float(w @ w) + float(np.sum(np.maximum(0.0, 1.0 - margins))) / n
    dw = reg * w - X.T @ (active * y) / n
    db = -float(np.sum(active * y)) / n
    return loss, dw, db


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
        X = np.asarray(X, dtype=np.float64)
        w = np.zeros(X.shape[1])
        b = 0.0
        history = []
        for _ in range(self.n_epochs):
            loss, dw, db = hinge_loss(w, b, X, y, self.reg)
            history.append(loss)
            w = w - self.lr * dw
            b = b - self.lr * db
        self.coef_ = w
        self.intercept_ = float(b)
        self.loss_history_ = np.array(history, dtype=np.float64)
        return self

    def decision_function(self, X):
        """Scores X @ coef_ + intercept_: shape (N,), float64."""
        return np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_

    def predict(self, X):
        """Labels (N,) int64 in {-1, +1}: +1 where the decision function is > 0, else -1."""
        return np.where(self.decision_function(X) > 0, 1, -1).astype(np.int64)
