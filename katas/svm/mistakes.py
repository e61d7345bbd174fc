"""Known mistakes of the svm kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="bias_regularised",
        says="the L2 penalty also covers the bias: reg/2 * b^2 in the loss and reg * b in db",
        culprits=("loss", "LinearSVM", "hinge_loss"),
        edit=(
            replace(
                "loss = 0.5 * reg * float(w @ w) + float(np.sum(np.maximum(0.0, 1.0 - margins))) / n",
                "loss = 0.5 * reg * (float(w @ w) + b * b) + float(np.sum(np.maximum(0.0, 1.0 - margins))) / n",
            ),
            replace("db = -float(np.sum(active * y)) / n", "db = reg * b - float(np.sum(active * y)) / n"),
        ),
    ),
    Mistake(
        id="hinge_summed_not_averaged",
        says="the hinge terms and their gradient are summed over samples instead of averaged",
        culprits=("loss", "db", "LinearSVM", "hinge_loss"),
        edit=replace(
            "    loss = 0.5 * reg * float(w @ w) + float(np.sum(np.maximum(0.0, 1.0 - margins))) / n\n"
            "    dw = reg * w - X.T @ (active * y) / n\n"
            "    db = -float(np.sum(active * y)) / n",
            "    loss = 0.5 * reg * float(w @ w) + float(np.sum(np.maximum(0.0, 1.0 - margins)))\n"
            "    dw = reg * w - X.T @ (active * y)\n"
            "    db = -float(np.sum(active * y))",
        ),
    ),
    Mistake(
        id="intercept_not_updated",
        says="fit updates the weights but never the intercept",
        culprits=("db", "LinearSVM"),
        edit=replace("            b = b - self.lr * db\n", ""),
    ),
    Mistake(
        id="margin_one_counts_as_active",
        says="the hinge subgradient counts samples with margin exactly 1 as active (<= 1 instead of < 1)",
        culprits=("dw", "db", "LinearSVM", "hinge_loss"),
        edit=replace("active = (margins < 1).astype(np.float64)", "active = (margins <= 1).astype(np.float64)"),
    ),
    Mistake(
        id="penalty_without_half",
        says="the loss uses reg * ||w||^2 (no 1/2) while the gradient uses reg * w",
        culprits=("loss", "dw", "LinearSVM", "hinge_loss"),
        edit=replace("loss = 0.5 * reg * float(w @ w) + float(np.sum(np.maximum(0.0, 1.0 - margins))) / n",
                "loss = reg * float(w @ w) + float(np.sum(np.maximum(0.0, 1.0 - margins))) / n"),
    ),
    Mistake(
        id="weights_kept_between_fits",
        says="fit starts from the previous fit's coef_ and intercept_ instead of zeros, so a second fit continues "
             "the first",
        culprits=("coef_", "intercept_", "loss_history_"),
        edit=replace("        w = np.zeros(X.shape[1])\n        b = 0.0\n",
                     "        w = getattr(self, 'coef_', np.zeros(X.shape[1]))\n"
                     "        b = getattr(self, 'intercept_', 0.0)\n"),
    ),
]
MISTAKES += [
    Mistake(
        id="predict_with_np_sign",
        says="predict returns np.sign of the decision function, which is 0 for a score of exactly 0 instead of -1",
        culprits=("predict",),
        edit=replace("return np.where(self.decision_function(X) > 0, 1, -1).astype(np.int64)",
                     "return np.sign(self.decision_function(X)).astype(np.int64)"),
    ),
]
