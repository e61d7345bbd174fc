"""Linear regression two ways: the closed form (least squares) and batch gradient descent.

Read katas/linear_regression/README.md first. Conventions:
- X has shape (n_samples, n_features), y has shape (n_samples,), all float64.
- The loss is the mean squared error L = (1/n) * sum_i (X_i . w + b - y_i)^2 (no 1/2 factor).
- Gradient descent starts from w = 0, b = 0 and makes exactly n_iters full-batch steps;
  loss_history_[t] is the loss at the parameters *before* step t.
- np.linalg.inv is not allowed: use np.linalg.solve or np.linalg.lstsq.
"""
from __future__ import annotations

import numpy as np


def r2_score(y_true, y_pred):
    """Coefficient of determination R^2 = 1 - SS_res / SS_tot.

    y_true, y_pred: float arrays of shape (n,). Returns a Python float.
    SS_res = sum (y_true - y_pred)^2, SS_tot = sum (y_true - mean(y_true))^2.
    When y_true is constant (SS_tot == 0) it returns 1.0 for a perfect prediction
    and 0.0 otherwise (scikit-learn's convention).
    """
    raise NotImplementedError


class LinearRegression:
    """Ordinary least squares with an intercept.

    Parameters
    ----------
    method : "closed_form" or "gd"
        "closed_form" solves the least-squares problem directly (np.linalg.solve on the
        normal equations, or np.linalg.lstsq; never an explicit inverse).
        "gd" runs n_iters steps of full-batch gradient descent on the MSE.
    learning_rate : float, the gradient-descent step size (ignored by "closed_form").
    n_iters : int, the number of gradient-descent steps (ignored by "closed_form").

    Fitted attributes
    -----------------
    coef_ : (n_features,) float64
    intercept_ : float
    loss_history_ : (n_iters,) float64, only for method="gd": the MSE before each step.
    """

    def __init__(self, method="closed_form", learning_rate=0.01, n_iters=1000):
        self.method = method
        self.learning_rate = learning_rate
        self.n_iters = n_iters

    def fit(self, X, y):
        """Fit on X (n, d) and y (n,). Returns self."""
        raise NotImplementedError

    def predict(self, X):
        """Predictions X @ coef_ + intercept_ for X (m, d); returns (m,) float64."""
        raise NotImplementedError

    def score(self, X, y):
        """R^2 of predict(X) against y (a Python float)."""
        raise NotImplementedError
