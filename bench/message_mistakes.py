"""Realistic mistakes, written from the katas' statements, whose messages the old heuristic remarks got wrong or
where a NaN or inf needed explaining. ``bench/bench_messages.py --realistic`` grades them and prints their first
failure messages, so a change to the messages can be read before and after on the same mistakes.

They are not known mistakes of the katas (those live in ``katas/<id>/mistakes.py``): some are, others are not
caught by a hidden check name, and none costs CI time.
"""
from __future__ import annotations

from graders.mistakes import Mistake, replace

REALISTIC = {
    "backprop": [
        Mistake("affine_without_bias", "forgets to add the bias in affine_forward", ("out",),
                replace("    out = x @ w + b\n", "    out = x @ w\n")),
        Mistake("db_mean", "averages db over the batch instead of summing", ("db",),
                replace("db = dout.sum(axis=0)", "db = dout.mean(axis=0)")),
        Mistake("dscores_not_averaged", "forgets to divide dscores by N", ("dscores",),
                replace("dscores /= n", "dscores /= 1")),
    ],
    "knn": [
        Mistake("expanded_distances_unclipped", "uses |a|^2 - 2ab + |b|^2 without clipping the round-off below 0",
                ("pairwise_distances",),
                replace("diff = A[:, None, :] - B[None, :, :]          # (n_a, n_b, d)\n"
                        "    return np.sqrt(np.sum(diff * diff, axis=-1))",
                        "return np.sqrt((A * A).sum(1)[:, None] - 2 * A @ B.T + (B * B).sum(1)[None, :])")),
    ],
    "metrics": [
        Mistake("confusion_transposed", "indexes the confusion matrix by [predicted, true]", ("confusion_matrix",),
                replace("(np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64))",
                        "(np.asarray(y_pred, dtype=np.int64), np.asarray(y_true, dtype=np.int64))")),
        Mistake("log_loss_unclipped", "takes the log of the probabilities without clipping them", ("log_loss",),
                replace("p = np.clip(np.asarray(proba, dtype=np.float64), eps, 1 - eps)",
                        "p = np.asarray(proba, dtype=np.float64)")),
    ],
    "layernorm": [
        Mistake("normalise_over_batch", "normalises each feature over the batch (axis 0) instead of each row",
                ("out",), (replace("mu = x.mean(axis=1, keepdims=True)", "mu = x.mean(axis=0, keepdims=True)"),
                           replace("var = np.mean(xc * xc, axis=1, keepdims=True)",
                                   "var = np.mean(xc * xc, axis=0, keepdims=True)"))),
        Mistake("eps_outside_sqrt", "adds eps after the square root", ("out",),
                replace("inv_std = 1.0 / np.sqrt(var + eps)", "inv_std = 1.0 / (np.sqrt(var) + eps)")),
    ],
    "linear_regression": [
        Mistake("predict_without_intercept", "forgets the intercept in predict", ("predict",),
                replace("return np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_",
                        "return np.asarray(X, dtype=np.float64) @ self.coef_")),
    ],
    "logistic_regression": [
        Mistake("naive_log_loss", "computes the loss as -y log(s) - (1 - y) log(1 - s) with s = sigmoid(z)",
                ("loss",),
                replace("loss = float(np.mean(np.logaddexp(0.0, z) - y * z))",
                        "s = 1 / (1 + np.exp(-z))\n"
                        "    loss = float(np.mean(-y * np.log(s) - (1 - y) * np.log(1 - s)))")),
    ],
    "naive_bayes": [
        Mistake("probabilities_not_logs", "multiplies the class likelihoods instead of adding their logs",
                ("predict_log_proba",),
                replace("log_norm = top + np.log(np.sum(np.exp(jll - top), axis=1, keepdims=True))",
                        "log_norm = np.log(np.sum(np.exp(jll), axis=1, keepdims=True))")),
    ],
}
