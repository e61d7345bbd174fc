"""Known mistakes of the rnn kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="dWh_uses_next_h",
        says="step backward computes dWh from the new hidden state (next_h.T @ da) instead of the previous one",
        culprits=("dWh", "rnn_step_backward"),
        edit=replace("dWh = prev_h.T @ da", "dWh = next_h.T @ da"),
    ),
    Mistake(
        id="no_gradient_through_time",
        says="BPTT feeds each step only dh[:, t], dropping the gradient that flows back from step t + 1",
        culprits=("dx", "rnn_backward"),
        edit=replace(
            "dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t, :] + dprev_h, steps[t])",
            "dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t, :], steps[t])",
        ),
    ),
    Mistake(
        id="tanh_grad_of_preactivation",
        says="step backward uses 1 - a**2 with the pre-activation a instead of 1 - tanh(a)**2",
        culprits=("dx", "rnn_step_forward"),
        edit=replace(
            "    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)\n"
            "    cache = (x, prev_h, Wx, Wh, next_h)",
            "    a = x @ Wx + prev_h @ Wh + b\n"
            "    next_h = np.tanh(a)\n"
            "    cache = (x, prev_h, Wx, Wh, a)",
        ),
    ),
    Mistake(
        id="transposed_Wh",
        says="uses prev_h @ Wh.T (PyTorch's weight_hh layout) instead of prev_h @ Wh, consistently in forward and "
             "backward",
        culprits=("next_h", "dx", "h", "rnn_step_forward"),
        edit=(
            replace("next_h = np.tanh(x @ Wx + prev_h @ Wh + b)",
                    "next_h = np.tanh(x @ Wx + prev_h @ Wh.T + b)"),
            replace("dprev_h = da @ Wh.T", "dprev_h = da @ Wh"),
            replace("dWh = prev_h.T @ da", "dWh = da.T @ prev_h"),
        ),
    ),
    Mistake(
        id="weight_grads_overwritten",
        says="BPTT assigns the weight gradients at each step instead of summing them over time (only step 0 "
             "survives)",
        culprits=("dWx", "rnn_backward"),
        edit=replace(
            "        dWx += dWx_t\n"
            "        dWh += dWh_t\n"
            "        db += db_t",
            "        dWx = dWx_t\n"
            "        dWh = dWh_t\n"
            "        db = db_t",
        ),
    ),
    Mistake(
        id="upstream_dh_accumulated_in_place",
        says="rnn_backward adds the gradient from step t + 1 into dh in place (dh[:, t, :] += dprev_h): the "
             "caller's dh is changed",
        culprits=("rnn_backward",),
        edit=replace("        dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = "
                     "rnn_step_backward(dh[:, t, :] + dprev_h, steps[t])",
                     "        dh[:, t, :] += dprev_h\n"
                     "        dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh[:, t, :], steps[t])"),
    ),
]
