"""Known mistakes of the batchnorm kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="backward_ignores_batch_stats",
        says="the backward pass treats the batch mean and variance as constants: dx = dout * gamma / sqrt(var + "
             "eps)",
        culprits=("dx", "batchnorm_backward"),
        edit=replace(
            "    n = dout.shape[0]\n"
            "    dbeta = dout.sum(axis=0)\n"
            "    dgamma = (dout * x_hat).sum(axis=0)\n"
            "    dx_hat = dout * gamma\n"
            "    # x_hat depends on x directly and through the batch mean and variance.\n"
            "    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))\n"
            "    return dx, dgamma, dbeta",
            "    dx = dout * gamma * inv_std\n"
            "    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)",
        ),
    ),
    Mistake(
        id="eps_outside_sqrt",
        says="adds eps to the standard deviation, (x - mean) / (sqrt(var) + eps), instead of inside the square "
             "root",
        culprits=("out", "batchnorm_forward", "batchnorm_backward"),
        edit=(
            replace("inv_std = 1.0 / np.sqrt(var + eps)", "inv_std = 1.0 / (np.sqrt(var) + eps)"),
            replace("np.sqrt(running_var + eps)", "(np.sqrt(running_var) + eps)"),
        ),
    ),
    Mistake(
        id="keepdims_param_grads",
        says="sums dgamma and dbeta with keepdims=True, returning shape (1, D) instead of (D,)",
        culprits=("dgamma", "batchnorm_backward"),
        edit=replace(
            "    dbeta = dout.sum(axis=0)\n"
            "    dgamma = (dout * x_hat).sum(axis=0)",
            "    dbeta = dout.sum(axis=0, keepdims=True)\n"
            "    dgamma = (dout * x_hat).sum(axis=0, keepdims=True)",
        ),
    ),
    Mistake(
        id="momentum_reversed",
        says="applies momentum the wrong way round: running = (1 - momentum) * running + momentum * "
             "batch_statistic",
        culprits=("running_mean", "batchnorm_forward"),
        edit=replace(
            "            \"running_mean\": momentum * running_mean + (1 - momentum) * mean,\n"
            "            \"running_var\": momentum * running_var + (1 - momentum) * var,",
            "            \"running_mean\": (1 - momentum) * state[\"running_mean\"] + momentum * mean,\n"
            "            \"running_var\": (1 - momentum) * state[\"running_var\"] + momentum * var,",
        ),
    ),
    Mistake(
        id="test_mode_updates_running_stats",
        says="test mode uses the running statistics but also updates them with the test batch, as if it were "
             "training",
        culprits=("running_mean", "batchnorm_forward"),
        edit=(
            replace(
                "    x = np.asarray(x, dtype=np.float64)\n"
                "    running_mean = np.asarray(state[\"running_mean\"], dtype=np.float64)\n"
                "    running_var = np.asarray(state[\"running_var\"], dtype=np.float64)",
                "    mean = x.mean(axis=0)\n"
                "    var = x.var(axis=0)\n"
                "    new_state = {\n"
                "        \"running_mean\": momentum * state[\"running_mean\"] + (1 - momentum) * mean,\n"
                "        \"running_var\": momentum * state[\"running_var\"] + (1 - momentum) * var,\n"
                "    }",
            ),
            replace(
                "        out = gamma * x_hat + beta\n"
                "        cache = (x_hat, np.asarray(gamma, dtype=np.float64), inv_std)\n"
                "        new_state = {\n"
                "            \"running_mean\": momentum * running_mean + (1 - momentum) * mean,\n"
                "            \"running_var\": momentum * running_var + (1 - momentum) * var,\n"
                "        }\n"
                "    elif mode == \"test\":\n"
                "        x_hat = (x - running_mean) / np.sqrt(running_var + eps)\n"
                "        out = gamma * x_hat + beta\n"
                "        cache = None\n"
                "        new_state = {\"running_mean\": running_mean.copy(), \"running_var\": running_var.copy()}\n"
                "    else:\n"
                "        raise ValueError(f\"mode must be 'train' or 'test', got {mode!r}\")\n"
                "    return out, cache, new_state",
                "        return gamma * x_hat + beta, (x_hat, gamma, inv_std), new_state\n"
                "    x_hat = (x - state[\"running_mean\"]) / np.sqrt(state[\"running_var\"] + eps)\n"
                "    return gamma * x_hat + beta, None, new_state",
            ),
        ),
    ),
    Mistake(
        id="test_mode_uses_batch_stats",
        says="test mode normalises with the statistics of the test batch instead of the running statistics",
        culprits=("out", "batchnorm_forward"),
        edit=(
            replace(
                "    x = np.asarray(x, dtype=np.float64)\n"
                "    running_mean = np.asarray(state[\"running_mean\"], dtype=np.float64)\n"
                "    running_var = np.asarray(state[\"running_var\"], dtype=np.float64)",
                "    mean = x.mean(axis=0)\n"
                "    var = x.var(axis=0)\n"
                "    inv_std = 1.0 / np.sqrt(var + eps)\n"
                "    x_hat = (x - mean) * inv_std\n"
                "    out = gamma * x_hat + beta",
            ),
            replace(
                "            \"running_mean\": momentum * running_mean + (1 - momentum) * mean,\n"
                "            \"running_var\": momentum * running_var + (1 - momentum) * var,",
                "            \"running_mean\": momentum * state[\"running_mean\"] + (1 - momentum) * mean,\n"
                "            \"running_var\": momentum * state[\"running_var\"] + (1 - momentum) * var,",
            ),
            replace(
                "    elif mode == \"test\":\n"
                "        x_hat = (x - running_mean) / np.sqrt(running_var + eps)\n"
                "        out = gamma * x_hat + beta\n"
                "        cache = None\n"
                "        new_state = {\"running_mean\": running_mean.copy(), \"running_var\": running_var.copy()}\n"
                "    else:\n"
                "        raise ValueError(f\"mode must be 'train' or 'test', got {mode!r}\")\n"
                "    return out, cache, new_state",
                "        return out, (x_hat, gamma, inv_std), new_state\n"
                "    return out, None, dict(state)",
            ),
        ),
    ),
    Mistake(
        id="unbiased_variance",
        says="uses the unbiased batch variance (ddof=1, dividing by N - 1) instead of the biased one (dividing by "
             "N)",
        culprits=("running_var", "dx", "out"),
        edit=replace("var = x.var(axis=0)  # biased: divides by N", "var = x.var(axis=0, ddof=1)"),
    ),
]
