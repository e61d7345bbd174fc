"""Known mistakes of the losses kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="bce_logits_via_log_sigmoid",
        says="binary_cross_entropy_with_logits takes log(sigmoid(z)) and log(1 - sigmoid(z)), which are log(0) for "
             "large |z|",
        culprits=("binary_cross_entropy_with_logits",),
        edit=replace(
            "    losses = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))",
            "    s = 1.0 / (1.0 + np.exp(-z))\n"
            "    losses = -(y * np.log(s) + (1.0 - y) * np.log(1.0 - s))",
        ),
    ),
    Mistake(
        id="bce_probability_gradient_is_logit_gradient",
        says="binary_cross_entropy returns (p - y) / size, the gradient with respect to the logits, not to p",
        culprits=("binary_cross_entropy",),
        edit=replace("return float(loss), (p - y) / (p * (1.0 - p)) / p.size",
                "return float(loss), (p - y) / p.size"),
    ),
    Mistake(
        id="hinge_gradient_ignores_label",
        says="hinge's gradient is -1 / size wherever the margin is violated, forgetting the factor y",
        culprits=("hinge",),
        edit=replace("return float(np.mean(np.maximum(margins, 0.0))), np.where(margins > 0, -y, 0.0) / s.size",
                "return float(np.mean(np.maximum(margins, 0.0))), np.where(margins > 0, -1.0, 0.0) / s.size"),
    ),
    Mistake(
        id="huber_linear_branch_no_offset",
        says="huber's linear branch is delta * |r|, without the - 0.5 delta^2 that makes the two branches meet",
        culprits=("loss", "huber"),
        edit=replace("losses = np.where(small, 0.5 * r * r, delta * (a - 0.5 * delta))",
                "losses = np.where(small, 0.5 * r * r, delta * a)"),
    ),
    Mistake(
        id="mae_mean_over_first_axis",
        says="mae divides by the number of rows (shape[0]) instead of the number of elements",
        culprits=("loss", "mae"),
        edit=replace(
            "    return float(np.mean(np.abs(r))), np.sign(r) / r.size",
            "    n = r.shape[0]\n"
            "    return float(np.sum(np.abs(r)) / n), np.sign(r) / n",
        ),
    ),
    Mistake(
        id="mse_gradient_missing_two",
        says="mse's gradient is (pred - target) / size, forgetting the 2 from the derivative of the square",
        culprits=("mse",),
        edit=replace("return float(np.mean(r * r)), 2.0 * r / r.size", "return float(np.mean(r * r)), r / r.size"),
    ),
]
MISTAKES += [
    Mistake(
        id="bce_logits_hard_labels_only",
        says="binary_cross_entropy_with_logits picks -log(sigmoid(z)) or -log(1 - sigmoid(z)) by y > 0.5, which is "
             "right for hard labels only, not for soft targets",
        culprits=("binary_cross_entropy_with_logits",),
        edit=replace(
            "    losses = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))\n"
            "    return float(np.mean(losses)), (_sigmoid(z) - y) / z.size",
            "    hard = (y > 0.5).astype(np.float64)\n"
            "    losses = np.maximum(z, 0.0) - z * hard + np.log1p(np.exp(-np.abs(z)))\n"
            "    return float(np.mean(losses)), (_sigmoid(z) - hard) / z.size",
        ),
    ),
    Mistake(
        id="huber_linear_gradient_forgets_delta",
        says="huber's gradient on the linear branch is sign(r) / size, forgetting the factor delta (right only for "
             "delta = 1)",
        culprits=("huber",),
        edit=replace("np.where(small, r, delta * np.sign(r)) / r.size", "np.where(small, r, np.sign(r)) / r.size"),
    ),
]
