"""predict_proba puts P(y=1) in column 0 and P(y=0) in column 1."""
from __future__ import annotations

import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise, without overflow.

    z: float64 array of any shape. Returns a float64 array of the same shape, in [0, 1].
    exp is only ever evaluated at non-positive arguments, so it never overflows.
    """
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def bce_loss_and_grad(w, b, X, y):
    """Mean binary cross-entropy of the model (w, b) on (X, y) and its gradient.

    w: (d,) float64, b: float, X: (n, d) float64, y: (n,) labels in {0, 1}.
    Returns (loss, dw, db): loss a float, dw (d,) float64, db a float, where

        z = X @ w + b
        loss = mean_i [ -y_i log sigmoid(z_i) - (1 - y_i) log(1 - sigmoid(z_i)) ]
             = mean_i [ log(1 + exp(z_i)) - y_i z_i ]
        dw = X^T (sigmoid(z) - y) / n,   db = mean_i (sigmoid(z_i) - y_i)
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    z = X @ w + b
    loss = float(np.mean(np.logaddexp(0.0, z) - y * z))
    error = sigmoid(z) - y
    dw = X.T @ error / len(y)
    db = float(np.mean(error))
    return loss, dw, db


class LogisticRegression:
    """Binary logistic regression trained by full-batch gradient descent.

    Parameters
    ----------
    learning_rate : float, the step size.
    n_iters : int, the number of gradient steps.

    Fitted attributes
    -----------------
    coef_ : (n_features,) float64
    intercept_ : float
    loss_history_ : (n_iters,) float64, the loss before each step.
    """

    def __init__(self, learning_rate=0.1, n_iters=100):
        self.learning_rate = learning_rate
        self.n_iters = n_iters

    def fit(self, X, y):
        """Fit on X (n, d) and labels y (n,) in {0, 1}. Returns self."""
        X = np.asarray(X, dtype=np.float64)
        w = np.zeros(X.shape[1])
        b = 0.0
        history = np.empty(self.n_iters)
        for t in range(self.n_iters):
            loss, dw, db = bce_loss_and_grad(w, b, X, y)
            history[t] = loss
            w = w - self.learning_rate * dw
            b = b - self.learning_rate * db
        self.coef_ = w
        self.intercept_ = float(b)
        self.loss_history_ = history
        return self

    def decision_function(self, X):
        """The logits X @ coef_ + intercept_ for X (m, d); returns (m,) float64."""
        return np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        """Class probabilities for X (m, d): (m, 2) float64, column 0 is P(y=0), column 1 is P(y=1)."""
        z = self.decision_function(X)
        return np.column_stack([sigmoid(z), sigmoid(-z)])

    def predict(self, X):
        """Labels for X (m, d): (m,) int64, 1 where the logit is > 0 (P(y=1) > 0.5), else 0."""
        return (self.decision_function(X) > 0).astype(np.int64)
