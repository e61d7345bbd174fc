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
        edit=replace(
            'new_state = {"running_mean": running_mean.copy(), "running_var": running_var.copy()}',
            'new_state = {"running_mean": momentum * running_mean + (1 - momentum) * x.mean(axis=0),\n'
            '                     "running_var": momentum * running_var + (1 - momentum) * x.var(axis=0)}',
        ),
    ),
    Mistake(
        id="test_mode_uses_batch_stats",
        says="test mode normalises with the statistics of the test batch instead of the running statistics",
        culprits=("out", "batchnorm_forward"),
        edit=replace("x_hat = (x - running_mean) / np.sqrt(running_var + eps)",
                     "x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)"),
    ),
    Mistake(
        id="unbiased_variance",
        says="uses the unbiased batch variance (ddof=1, dividing by N - 1) instead of the biased one (dividing by "
             "N)",
        culprits=("running_var", "dx", "out"),
        edit=replace("var = x.var(axis=0)  # biased: divides by N", "var = x.var(axis=0, ddof=1)"),
    ),
    Mistake(
        id="first_batch_starts_the_running_statistics",
        says="treats running_mean 0 and running_var 1 as 'no statistics yet' and starts the running statistics at "
             "the first batch's mean and variance",
        culprits=("running_mean", "running_var"),
        edit=replace("        mean = x.mean(axis=0)\n        var = x.var(axis=0)  # biased: divides by N\n",
                     "        mean = x.mean(axis=0)\n        var = x.var(axis=0)  # biased: divides by N\n"
                     "        if not running_mean.any() and np.all(running_var == 1):\n"
                     "            running_mean, running_var = mean, var\n"),
    ),
    Mistake(
        id="running_stats_updated_in_place",
        says="batchnorm_forward updates running_mean and running_var in place (running_mean *= momentum; "
             "running_mean += ...): the caller's state is changed",
        culprits=("batchnorm_forward",),
        edit=replace(
            '        new_state = {\n'
            '            "running_mean": momentum * running_mean + (1 - momentum) * mean,\n'
            '            "running_var": momentum * running_var + (1 - momentum) * var,\n'
            '        }\n',
            '        running_mean *= momentum\n        running_mean += (1 - momentum) * mean\n'
            '        running_var *= momentum\n        running_var += (1 - momentum) * var\n'
            '        new_state = {"running_mean": running_mean, "running_var": running_var}\n'),
    ),
]
