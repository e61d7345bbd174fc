"""Known mistakes of the logistic_regression kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="clipped_probability_loss",
        says="the loss is computed from clipped probabilities, -y log p - (1-y) log(1-p) with p clipped to [1e-15, "
             "1-1e-15], wrong for large logits",
        culprits=("loss", "bce_loss_and_grad"),
        edit=replace(
            "    loss = float(np.mean(np.logaddexp(0.0, z) - y * z))",
            "    p = np.clip(sigmoid(z), 1e-15, 1 - 1e-15)\n"
            "    loss = float(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))",
        ),
    ),
    Mistake(
        id="gradient_not_averaged",
        says="the gradient sums over samples (X^T (p - y)) while the loss is a mean, so it is n times too large",
        culprits=("dw", "coef_", "loss_history_", "bce_loss_and_grad"),
        edit=replace(
            "    dw = X.T @ error / len(y)\n"
            "    db = float(np.mean(error))",
            "    dw = X.T @ error\n"
            "    db = float(np.sum(error))",
        ),
    ),
    Mistake(
        id="intercept_never_updated",
        says="fit computes db but never updates the intercept, which stays 0",
        culprits=("intercept_", "loss_history_", "LogisticRegression"),
        edit=replace("            b = b - self.learning_rate * db\n", ""),
    ),
    Mistake(
        id="naive_sigmoid",
        says="sigmoid is computed as exp(z) / (1 + exp(z)), which overflows to inf/inf = NaN for large z",
        culprits=("sigmoid", "dw"),
        edit=replace(
            "    out = np.empty_like(z)\n"
            "    pos = z >= 0\n"
            "    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))\n"
            "    ez = np.exp(z[~pos])\n"
            "    out[~pos] = ez / (1.0 + ez)\n"
            "    return out",
            "    ez = np.exp(z)\n"
            "    return ez / (1.0 + ez)",
        ),
    ),
    Mistake(
        id="proba_columns_swapped",
        says="predict_proba puts P(y=1) in column 0 and P(y=0) in column 1",
        culprits=("predict_proba", "LogisticRegression"),
        edit=replace("return np.column_stack([sigmoid(-z), sigmoid(z)])",
                "return np.column_stack([sigmoid(z), sigmoid(-z)])"),
    ),
    Mistake(
        id="loss_history_kept_between_fits",
        says="keeps the losses in a list made once in __init__, so a second fit appends to the first fit's history",
        culprits=("loss_history_",),
        edit=(replace("        self.n_iters = n_iters\n", "        self.n_iters = n_iters\n        self._losses = []\n"),
              replace("            history[t] = loss\n", "            self._losses.append(loss)\n"),
              replace("        self.loss_history_ = history\n",
                      "        self.loss_history_ = np.array(self._losses, dtype=np.float64)\n")),
    ),
    Mistake(
        id="predicts_one_at_half",
        says="predict returns 1 where P(y=1) >= 0.5, so a logit of exactly 0 predicts class 1 instead of 0",
        culprits=("predict",),
        edit=replace("return (self.decision_function(X) > 0).astype(np.int64)",
                     "return (self.decision_function(X) >= 0).astype(np.int64)"),
    ),
]
