"""Known mistakes of the linear_regression kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="closed_form_with_inv",
        says="the closed form inverts X^T X explicitly with np.linalg.inv instead of solving the system",
        culprits=("numpy.linalg.inv", "LinearRegression"),
        edit=replace("theta, *_ = np.linalg.lstsq(Xb, y, rcond=None)",
                "theta = np.linalg.inv(Xb.T @ Xb) @ Xb.T @ y"),
    ),
    Mistake(
        id="closed_form_without_intercept",
        says="the closed form solves for w alone (no column of ones), so the intercept stays 0",
        culprits=("coef_", "gd", "LinearRegression"),
        edit=replace(
            "        Xb = np.column_stack([np.ones(len(X)), X])\n"
            "        theta, *_ = np.linalg.lstsq(Xb, y, rcond=None)\n"
            "        self.intercept_ = float(theta[0])\n"
            "        self.coef_ = theta[1:]",
            "        theta, *_ = np.linalg.lstsq(X, y, rcond=None)\n"
            "        self.intercept_ = 0.0\n"
            "        self.coef_ = theta",
        ),
    ),
    Mistake(
        id="gd_gradient_missing_factor_two",
        says="gradient descent uses (1/n) X^T r as the gradient of the MSE, dropping the factor 2",
        culprits=("coef_", "gd", "loss_history_", "LinearRegression"),
        edit=replace(
            "            dw = (2.0 / n) * (X.T @ residual)      # (d,)\n"
            "            db = 2.0 * np.mean(residual)",
            "            dw = (1.0 / n) * (X.T @ residual)      # (d,)\n"
            "            db = np.mean(residual)",
        ),
    ),
    Mistake(
        id="loss_history_after_update",
        says="loss_history_ records the MSE after each gradient step instead of before it",
        culprits=("loss_history_", "LinearRegression"),
        edit=replace(
            "            b = b - self.learning_rate * db",
            "            b = b - self.learning_rate * db\n"
            "            history[t] = np.mean((X @ w + b - y) ** 2)",
        ),
    ),
    Mistake(
        id="r2_with_variance_denominator",
        says="r2_score divides the residual sum of squares by the variance of y (a mean) instead of the total sum "
             "of squares",
        culprits=("r2_score", "score"),
        edit=replace("ss_tot = np.sum((y_true - y_true.mean()) ** 2)", "ss_tot = np.var(y_true)"),
    ),
    Mistake(
        id="gd_weights_kept_between_fits",
        says="gradient descent starts from the previous fit's coef_ and intercept_ instead of zero, so a second fit "
             "continues the first",
        culprits=("coef_", "intercept_", "loss_history_"),
        edit=(replace("        w = np.zeros(d)\n        b = 0.0\n",
                      "        w = getattr(self, 'coef_', np.zeros(d))\n        b = getattr(self, 'intercept_', 0.0)\n"),),
    ),
    Mistake(
        id="unknown_method_runs_gd",
        says="any method other than 'closed_form' runs gradient descent instead of raising ValueError",
        culprits=("ValueError",),
        edit=(replace('        elif self.method == "gd":\n            self._fit_gd(X, y)\n        else:\n'
                      '            raise ValueError(f"method must be \'closed_form\' or \'gd\', got {self.method!r}")\n',
                      '        else:\n            self._fit_gd(X, y)\n'),),
    ),
]
