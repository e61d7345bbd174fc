"""The closed form solves for w alone (no column of ones), so the intercept stays 0."""
from __future__ import annotations

import numpy as np


def r2_score(y_true, y_pred):
    """Coefficient of determination R^2 = 1 - SS_res / SS_tot.

    y_true, y_pred: float arrays of shape (n,). Returns a Python float.
    SS_res = sum (y_true - y_pred)^2, SS_tot = sum (y_true - mean(y_true))^2.
    When y_true is constant (SS_tot == 0) it returns 1.0 for a perfect prediction
    and 0.0 otherwise (scikit-learn's convention).
    """
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return float(1.0 - ss_res / ss_tot)


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
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if self.method == "closed_form":
            self._fit_closed_form(X, y)
        elif self.method == "gd":
            self._fit_gd(X, y)
        else:
            raise ValueError(f"method must be 'closed_form' or 'gd', got {self.method!r}")
        return self

    def _fit_closed_form(self, X, y):
        # Augment with a column of ones so the intercept is the first parameter.
        theta, *_ = np.linalg.lstsq(X, y, rcond=None)
        self.intercept_ = 0.0
        self.coef_ = theta

    def _fit_gd(self, X, y):
        n, d = X.shape
        w = np.zeros(d)
        b = 0.0
        history = np.empty(self.n_iters)
        for t in range(self.n_iters):
            residual = X @ w + b - y               # (n,)
            history[t] = np.mean(residual ** 2)
            dw = (2.0 / n) * (X.T @ residual)      # (d,)
            db = 2.0 * np.mean(residual)
            w = w - self.learning_rate * dw
            b = b - self.learning_rate * db
        self.coef_ = w
        self.intercept_ = float(b)
        self.loss_history_ = history

    def predict(self, X):
        """Predictions X @ coef_ + intercept_ for X (m, d); returns (m,) float64."""
        return np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_

    def score(self, X, y):
        """R^2 of predict(X) against y (a Python float)."""
        return r2_score(y, self.predict(X))
