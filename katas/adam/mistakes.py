"""Known mistakes of the adam kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="betas_swapped",
        says="swaps beta1 and beta2: the first moment decays with beta2 and the second with beta1",
        culprits=("m", "next_w", "adam_step"),
        edit=replace(
            "    m = beta1 * m + (1 - beta1) * dw\n"
            "    v = beta2 * v + (1 - beta2) * dw**2\n"
            "    m_hat = m / (1 - beta1**t)\n"
            "    v_hat = v / (1 - beta2**t)",
            "    m = beta2 * m + (1 - beta2) * dw\n"
            "    v = beta1 * v + (1 - beta1) * dw**2\n"
            "    m_hat = m / (1 - beta2**t)\n"
            "    v_hat = v / (1 - beta1**t)",
        ),
    ),
    Mistake(
        id="eps_inside_sqrt",
        says="adds eps inside the square root, sqrt(v_hat + eps), instead of after it",
        culprits=("next_w", "adam_step"),
        edit=replace("next_w = w - learning_rate * m_hat / (np.sqrt(v_hat) + eps)",
                "next_w = w - learning_rate * m_hat / np.sqrt(v_hat + eps)"),
    ),
    Mistake(
        id="first_moment_not_damped",
        says="accumulates the first moment like classical momentum, m = beta1*m + dw, without the (1 - beta1) "
             "factor",
        culprits=("m", "next_w", "adam_step"),
        edit=replace("m = beta1 * m + (1 - beta1) * dw", "m = beta1 * m + dw"),
    ),
    Mistake(
        id="no_bias_correction",
        says="skips the bias correction: uses m and v directly instead of m_hat = m / (1 - beta1**t) and v_hat",
        culprits=("next_w", "adam_step"),
        edit=replace(
            "    m_hat = m / (1 - beta1**t)\n"
            "    v_hat = v / (1 - beta2**t)\n"
            "    next_w = w - learning_rate * m_hat / (np.sqrt(v_hat) + eps)",
            "    next_w = w - learning_rate * m / (np.sqrt(v) + eps)",
        ),
    ),
    Mistake(
        id="returns_input_state",
        says="updates m, v and t in local variables but returns the state it was given (zeros and t=0 when state "
             "is None)",
        culprits=("t", "m", "adam_step"),
        edit=(
            replace(
                "        m, v, t = np.zeros_like(w), np.zeros_like(w), 0\n"
                "    else:\n"
                "        m = np.asarray(state[\"m\"], dtype=np.float64)\n"
                "        v = np.asarray(state[\"v\"], dtype=np.float64)\n"
                "        t = int(state[\"t\"])",
                "        state = {\"m\": np.zeros_like(w), \"v\": np.zeros_like(w), \"t\": 0}\n"
                "    m, v, t = state[\"m\"], state[\"v\"], state[\"t\"]",
            ),
            replace("return next_w, {\"m\": m, \"v\": v, \"t\": t}", "return next_w, state"),
        ),
    ),
    Mistake(
        id="t_off_by_one",
        says="bias-corrects with the step count before incrementing it (a fresh state starts at t=1), so the "
             "stored t is one too large",
        culprits=("t", "next_w", "adam_step"),
        edit=(
            replace("m, v, t = np.zeros_like(w), np.zeros_like(w), 0",
                    "m, v, t = np.zeros_like(w), np.zeros_like(w), 1"),
            replace(
                "        m = np.asarray(state[\"m\"], dtype=np.float64)\n"
                "        v = np.asarray(state[\"v\"], dtype=np.float64)\n"
                "        t = int(state[\"t\"])\n"
                "\n"
                "    t = t + 1",
                "        m, v, t = state[\"m\"], state[\"v\"], state[\"t\"]",
            ),
            replace("return next_w, {\"m\": m, \"v\": v, \"t\": t}",
                    "return next_w, {\"m\": m, \"v\": v, \"t\": t + 1}"),
        ),
    ),
    Mistake(
        id="eps_outside_the_division",
        says="adds eps after dividing, m_hat / sqrt(v_hat) + eps, so a zero gradient gives 0 / 0 = NaN",
        culprits=("next_w",),
        edit=replace("m_hat / (np.sqrt(v_hat) + eps)", "(m_hat / np.sqrt(v_hat) + eps)"),
    ),
    Mistake(
        id="state_dict_updated_in_place",
        says="adam_step writes the new m, v and t into the caller's state dict (state[\"m\"] = ...) and returns it",
        culprits=("adam_step",),
        edit=replace('    return next_w, {"m": m, "v": v, "t": t}',
                     '    if state is None:\n        state = {}\n'
                     '    state["m"], state["v"], state["t"] = m, v, t\n    return next_w, state'),
    ),
]
