"""Known mistakes of the residual_block kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="relu_after_the_sum",
        says="applies a ReLU after adding the shortcut (the original ResNet's order) instead of returning the sum",
        culprits=("out",),
        edit=replace("    out = a @ params[\"W2\"] + params[\"b2\"] + shortcut\n",
                     "    out = np.maximum(a @ params[\"W2\"] + params[\"b2\"] + shortcut, 0.0)\n"),
    ),
    Mistake(
        id="norm_axes_swapped",
        says="normalises over the features for batch norm and over the batch for layer norm",
        culprits=("out", "mean", "variance"),
        edit=replace('AXIS = {"batch": 0, "layer": 1}', 'AXIS = {"batch": 1, "layer": 0}'),
    ),
    Mistake(
        id="unbiased_variance",
        says="uses the unbiased variance (divides by the count minus one)",
        culprits=("out", "variance"),
        edit=replace("h.var(axis=axis, keepdims=True)", "h.var(axis=axis, keepdims=True, ddof=1)"),
    ),
    Mistake(
        id="eps_outside_the_sqrt",
        says="adds eps to the standard deviation instead of inside the square root",
        culprits=("out", "variance"),
        edit=replace("inv_std = 1.0 / np.sqrt(h.var(axis=axis, keepdims=True) + eps)",
                     "inv_std = 1.0 / (np.sqrt(h.var(axis=axis, keepdims=True)) + eps)"),
    ),
    Mistake(
        id="dx_misses_the_shortcut",
        says="forgets the shortcut's path in dx and keeps only the gradient through the branch",
        culprits=("dx",),
        edit=(replace("        dx = dx + dout @ params[\"Ws\"].T\n", ""),
              replace("    else:\n        dx = dx + dout\n", "")),
    ),
    Mistake(
        id="projection_gradient_as_identity",
        says="adds dout to dx for a projection shortcut too, as if it were the identity",
        culprits=("dx",),
        edit=replace("dx = dx + dout @ params[\"Ws\"].T", "dx = dx + dout[:, :dx.shape[1]]"),
    ),
    Mistake(
        id="statistics_treated_as_constants",
        says="treats the mean and variance as constants in the backward pass: dh = dh_hat * inv_std",
        culprits=("dx", "dW1", "db1"),
        edit=replace("    dh = inv_std * (dh_hat - dh_hat.mean(axis=axis, keepdims=True)\n"
                     "                    - h_hat * (dh_hat * h_hat).mean(axis=axis, keepdims=True))\n",
                     "    dh = inv_std * dh_hat\n"),
    ),
    Mistake(
        id="relu_mask_on_h",
        says="masks the ReLU's gradient with h > 0 (before the normalisation) instead of z > 0",
        culprits=("dx", "dW1", "dgamma", "dbeta"),
        edit=(replace("    return out, (x, params, axis, h_hat, inv_std, z, a)",
                      "    return out, (x, params, axis, h_hat, inv_std, h, a)"),),
    ),
    Mistake(
        id="dgamma_without_h_hat",
        says="computes dgamma as the sum of dz, forgetting to multiply by h_hat",
        culprits=("dgamma",),
        edit=replace("grads[\"gamma\"] = (dz * h_hat).sum(axis=0)", "grads[\"gamma\"] = dz.sum(axis=0)"),
    ),
    Mistake(
        id="norm_backward_over_the_batch_axis",
        says="takes the means of the normalisation's backward over the batch (axis 0) for layer norm too",
        culprits=("dx", "dW1", "db1"),
        edit=(replace("dh = inv_std * (dh_hat - dh_hat.mean(axis=axis, keepdims=True)",
                      "dh = inv_std * (dh_hat - dh_hat.mean(axis=0, keepdims=True)"),
              replace("- h_hat * (dh_hat * h_hat).mean(axis=axis, keepdims=True))",
                      "- h_hat * (dh_hat * h_hat).mean(axis=0, keepdims=True))")),
    ),
]
