"""Known mistakes of the gru kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="dprev_h_missing_direct_path",
        says="backward drops the direct path h' = ... + z * h from dprev_h, keeping only the paths through the "
             "gates",
        culprits=("dprev_h", "gru_step_backward"),
        edit=replace("dprev_h = dnext_h * z + dgh @ Wh.T   # direct path through z * h, plus through the gates",
                "dprev_h = dgh @ Wh.T   # direct path through z * h, plus through the gates"),
    ),
    Mistake(
        id="gate_order_zrn",
        says="reads the stacked weights in the order z, r, n instead of r, z, n",
        culprits=("next_h", "dx", "dWx", "gru_step_forward"),
        edit=(
            replace(
                "    r = sigmoid(gx[:, :H] + gh[:, :H])\n"
                "    z = sigmoid(gx[:, H:2 * H] + gh[:, H:2 * H])",
                "    z = sigmoid(gx[:, :H] + gh[:, :H])\n"
                "    r = sigmoid(gx[:, H:2 * H] + gh[:, H:2 * H])",
            ),
            replace(
                "    dgx = np.concatenate([dar, daz, dan], axis=1)       # d(x Wx + bx)\n"
                "    dgh = np.concatenate([dar, daz, dan * r], axis=1)   # d(h Wh + bh): the n block is scaled by r",
                "    dgx = np.concatenate([daz, dar, dan], axis=1)       # d(x Wx + bx)\n"
                "    dgh = np.concatenate([daz, dar, dan * r], axis=1)   # d(h Wh + bh): the n block is scaled by r",
            ),
        ),
    ),
    Mistake(
        id="hidden_n_grad_not_gated",
        says="backward forgets that h Wh_n + bh_n is multiplied by r: the n block of the hidden gradient is not "
             "scaled by r",
        culprits=("dprev_h", "dWh", "gru_step_backward"),
        edit=replace(
            "dgh = np.concatenate([dar, daz, dan * r], axis=1)   # d(h Wh + bh): the n block is scaled by r",
            "dgh = np.concatenate([dar, daz, dan], axis=1)   # d(h Wh + bh): the n block is scaled by r",
        ),
    ),
    Mistake(
        id="reset_before_matmul",
        says="applies the reset gate before the hidden matmul, n = tanh(x Wx_n + bx_n + (r * h) Wh_n + bh_n) (Cho "
             "et al.), not after it",
        culprits=("next_h", "dx", "dWx", "gru_step_forward"),
        edit=(
            replace("gh = prev_h @ Wh + bh     # (N, 3H): hidden contributions",
                    "gh = prev_h @ Wh[:, :2 * H] + bh[:2 * H]"),
            replace(
                "    hn = gh[:, 2 * H:]        # h Wh_n + bh_n, gated by r\n"
                "    n = np.tanh(gx[:, 2 * H:] + r * hn)",
                "    rh = r * prev_h\n"
                "    n = np.tanh(gx[:, 2 * H:] + rh @ Wh[:, 2 * H:] + bh[2 * H:])",
            ),
            replace(
                "    cache = (x, prev_h, Wx, Wh, r, z, n, hn)\n"
                "    return next_h, cache",
                "    return next_h, (x, prev_h, Wx, Wh, r, z, n, rh)",
            ),
            replace(
                "    x, prev_h, Wx, Wh, r, z, n, hn = cache",
                "    x, prev_h, Wx, Wh, r, z, n, rh = cache\n"
                "    H = prev_h.shape[1]",
            ),
            replace("    dr = dan * hn", "    drh = dan @ Wh[:, 2 * H:].T\n    dr = drh * prev_h"),
            replace(
                "dgh = np.concatenate([dar, daz, dan * r], axis=1)   # d(h Wh + bh): the n block is scaled by r",
                "drz = np.concatenate([dar, daz], axis=1)",
            ),
            replace(
                "dprev_h = dnext_h * z + dgh @ Wh.T   # direct path through z * h, plus through the gates",
                "dprev_h = dnext_h * z + drz @ Wh[:, :2 * H].T + drh * r",
            ),
            replace("dWh = prev_h.T @ dgh", "dWh = np.concatenate([prev_h.T @ drz, rh.T @ dan], axis=1)"),
            replace("dbh = dgh.sum(axis=0)", "dbh = dgx.sum(axis=0)"),
        ),
    ),
    Mistake(
        id="update_gate_swapped",
        says="uses h' = z * n + (1 - z) * h (z weighs the candidate) instead of PyTorch's (1 - z) * n + z * h",
        culprits=("next_h", "dx", "dWx", "gru_step_forward"),
        edit=(
            replace("next_h = (1.0 - z) * n + z * prev_h", "next_h = z * n + (1.0 - z) * prev_h"),
            replace(
                "    dn = dnext_h * (1.0 - z)\n"
                "    dz = dnext_h * (prev_h - n)",
                "    dn = dnext_h * z\n"
                "    dz = dnext_h * (n - prev_h)",
            ),
            replace(
                "dprev_h = dnext_h * z + dgh @ Wh.T   # direct path through z * h, plus through the gates",
                "dprev_h = dnext_h * (1.0 - z) + dgh @ Wh.T   # direct path through z * h, plus through the gates",
            ),
        ),
    ),
    Mistake(
        id="sigmoid_overflows",
        says="sigmoid computed as exp(a) / (1 + exp(a)), which gives inf / inf = NaN for large pre-activations",
        culprits=("sigmoid", "next_h"),
        edit=replace("    e = np.exp(-np.abs(a))\n    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))",
                     "    e = np.exp(a)\n    return e / (1.0 + e)"),
    ),
]
