"""Known mistakes of the layernorm kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="dx_missing_variance_term",
        says="dx subtracts the mean of dx_hat but forgets the term through the variance",
        culprits=("dx", "layernorm_backward"),
        edit=replace(
            "    dx = inv_std * (dx_hat - dx_hat.mean(axis=1, keepdims=True)\n"
            "                    - x_hat * (dx_hat * x_hat).mean(axis=1, keepdims=True))",
            "    dx = inv_std * (dx_hat - dx_hat.mean(axis=1, keepdims=True))",
        ),
    ),
    Mistake(
        id="dx_treats_statistics_as_constants",
        says="dx = dout * gamma / std, ignoring that the mean and variance depend on x",
        culprits=("dx", "layernorm_backward"),
        edit=replace(
            "    dx = inv_std * (dx_hat - dx_hat.mean(axis=1, keepdims=True)\n"
            "                    - x_hat * (dx_hat * x_hat).mean(axis=1, keepdims=True))",
            "    dx = inv_std * dx_hat",
        ),
    ),
    Mistake(
        id="eps_outside_sqrt",
        says="divides by sqrt(var) + eps instead of sqrt(var + eps)",
        culprits=("layernorm_forward", "dx", "layernorm_backward"),
        edit=replace("inv_std = 1.0 / np.sqrt(var + eps)", "inv_std = 1.0 / (np.sqrt(var) + eps)"),
    ),
    Mistake(
        id="normalises_over_batch_axis",
        says="normalises each feature over the batch (axis 0, batch norm) instead of each example over its "
             "features",
        culprits=("layernorm_forward", "dx", "layernorm_backward"),
        edit=(
            replace("mu = x.mean(axis=1, keepdims=True)", "mu = x.mean(axis=0, keepdims=True)"),
            replace("var = np.mean(xc * xc, axis=1, keepdims=True)     # biased: divide by D",
                    "var = np.mean(xc * xc, axis=0, keepdims=True)     # biased: divide by D"),
            replace(
                "    dx = inv_std * (dx_hat - dx_hat.mean(axis=1, keepdims=True)\n"
                "                    - x_hat * (dx_hat * x_hat).mean(axis=1, keepdims=True))",
                "    dx = inv_std * (dx_hat - dx_hat.mean(axis=0, keepdims=True)\n"
                "                    - x_hat * (dx_hat * x_hat).mean(axis=0, keepdims=True))",
            ),
        ),
    ),
    Mistake(
        id="one_pass_variance",
        says="computes the variance as mean(x**2) - mean(x)**2, which cancels catastrophically for rows with a "
             "large offset",
        culprits=("layernorm_forward",),
        edit=replace("var = np.mean(xc * xc, axis=1, keepdims=True)     # biased: divide by D",
                "var = np.mean(x * x, axis=1, keepdims=True) - mu * mu"),
    ),
    Mistake(
        id="unbiased_variance",
        says="uses the unbiased variance (divides by D - 1) instead of the biased one (divides by D)",
        culprits=("layernorm_forward", "dx", "layernorm_backward"),
        edit=replace("var = np.mean(xc * xc, axis=1, keepdims=True)     # biased: divide by D",
                "var = np.sum(xc * xc, axis=1, keepdims=True) / max(x.shape[1] - 1, 1)"),
    ),
    Mistake(
        id="input_centred_in_place",
        says="layernorm_forward centres x in place (x -= mean): the caller's x is changed",
        culprits=("layernorm_forward",),
        edit=replace("    xc = x - mu\n", "    x -= mu\n    xc = x\n"),
    ),
]
