"""Known mistakes of the regularization kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="adam_l2_decay_decoupled",
        says="adam_l2_step decays w directly (that is AdamW) instead of adding weight_decay * w to the gradient",
        culprits=("adam_l2_step", "m"),
        edit=replace(
            "    g = np.asarray(dw, dtype=np.float64) + weight_decay * w\n"
            "    direction, next_state = _adam_direction(g, state, beta1, beta2, eps)\n"
            "    return w - learning_rate * direction, next_state",
            "    direction, next_state = _adam_direction(np.asarray(dw, dtype=np.float64), state, beta1, beta2, eps)\n"
            "    return w - learning_rate * (direction + weight_decay * w), next_state",
        ),
    ),
    Mistake(
        id="adam_no_bias_correction",
        says="both Adam variants use m and v directly, without the bias corrections 1 / (1 - beta**t)",
        culprits=("adam_l2_step", "adamw_step"),
        edit=replace(
            "    m_hat = m / (1.0 - beta1**t)\n"
            "    v_hat = v / (1.0 - beta2**t)",
            "    m_hat = m\n"
            "    v_hat = v",
        ),
    ),
    Mistake(
        id="adamw_decay_through_gradient",
        says="adamw_step adds weight_decay * w to the gradient (that is Adam with L2), instead of decaying w "
             "directly",
        culprits=("adamw_step", "m"),
        edit=replace(
            "    direction, next_state = _adam_direction(np.asarray(dw, dtype=np.float64), state, beta1, beta2, eps)\n"
            "    return w - learning_rate * (direction + weight_decay * w), next_state",
            "    g = np.asarray(dw, dtype=np.float64) + weight_decay * w\n"
            "    direction, next_state = _adam_direction(g, state, beta1, beta2, eps)\n"
            "    return w - learning_rate * direction, next_state",
        ),
    ),
    Mistake(
        id="adamw_decay_without_learning_rate",
        says="adamw_step subtracts weight_decay * w without multiplying it by the learning rate",
        culprits=("adamw_step",),
        edit=replace("return w - learning_rate * (direction + weight_decay * w), next_state",
                "return w - learning_rate * direction - weight_decay * w, next_state"),
    ),
    Mistake(
        id="l1_without_abs",
        says="l1_penalty sums w instead of |w|, so the loss can be negative and the gradient is reg everywhere",
        culprits=("l1_penalty",),
        edit=replace("return float(reg * np.sum(np.abs(w))), reg * np.sign(w)",
                "return float(reg * np.sum(w)), reg * np.ones_like(w)"),
    ),
    Mistake(
        id="l2_gradient_doubled",
        says="l2_penalty returns the gradient 2 * reg * w, which belongs to reg * sum(w**2), not to 0.5 * reg * "
             "sum(w**2)",
        culprits=("l2_penalty",),
        edit=replace("return float(0.5 * reg * np.sum(w * w)), reg * w",
                "return float(0.5 * reg * np.sum(w * w)), 2.0 * reg * w"),
    ),
]
MISTAKES += [
    Mistake(
        id="l1_gradient_signed_at_zero",
        says="l1_penalty's gradient is +reg where w == 0 (w >= 0 taken as positive) instead of 0",
        culprits=("l1_penalty", "dw"),
        edit=replace("return float(reg * np.sum(np.abs(w))), reg * np.sign(w)",
                     "return float(reg * np.sum(np.abs(w))), reg * np.where(w >= 0, 1.0, -1.0)"),
    ),
]
