"""Binary logistic regression: a stable sigmoid, the binary cross-entropy and gradient descent.

Read katas/logistic_regression/README.md first. Conventions:
- X has shape (n_samples, n_features) float64; y has shape (n_samples,) with values in {0, 1}.
- The logit of sample i is z_i = X_i . w + b, its probability p_i = sigmoid(z_i) = P(y_i = 1).
- The loss is the mean binary cross-entropy over the samples, computed from the logits so it
  stays finite and exact for |z| in the thousands.
- Gradient descent starts from w = 0, b = 0 and makes exactly n_iters full-batch steps;
  loss_history_[t] is the loss before step t. There is no regularisation.
"""
from __future__ import annotations

import numpy as np


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise, without overflow.

    z: float64 array of any shape. Returns a float64 array of the same shape, in [0, 1].
    exp must only ever be evaluated where it cannot overflow.
    """
    raise NotImplementedError


def bce_loss_and_grad(w, b, X, y):
    """Mean binary cross-entropy of the model (w, b) on (X, y) and its gradient.

    w: (d,) float64, b: float, X: (n, d) float64, y: (n,) labels in {0, 1}.
    Returns (loss, dw, db): loss a float, dw (d,) float64, db a float, where

        z = X @ w + b
        loss = mean_i [ -y_i log sigmoid(z_i) - (1 - y_i) log(1 - sigmoid(z_i)) ]
        dw = X^T (sigmoid(z) - y) / n,   db = mean_i (sigmoid(z_i) - y_i)
    """
    raise NotImplementedError


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
        raise NotImplementedError

    def decision_function(self, X):
        """The logits X @ coef_ + intercept_ for X (m, d); returns (m,) float64."""
        raise NotImplementedError

    def predict_proba(self, X):
        """Class probabilities for X (m, d): (m, 2) float64, column 0 is P(y=0), column 1 is P(y=1)."""
        raise NotImplementedError

    def predict(self, X):
        """Labels for X (m, d): (m,) int64, 1 where the logit is > 0 (P(y=1) > 0.5), else 0."""
        raise NotImplementedError
