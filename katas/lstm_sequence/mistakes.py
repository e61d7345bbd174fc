"""Known mistakes of the lstm_sequence kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="c0_from_h0",
        says="the initial cell state is set to h0 instead of zeros",
        culprits=("h", "dh0", "dx", "dWx"),
        edit=replace("prev_h, prev_c = h0, np.zeros((N, H))", "prev_h, prev_c = h0, h0.copy()"),
    ),
    Mistake(
        id="cell_gradient_not_carried",
        says="backward drops the gradient flowing into the previous cell state (dprev_c is not carried to the "
             "earlier step)",
        culprits=("dx", "dWx", "lstm_backward"),
        edit=replace(
            "dx_t, dprev_h, dprev_c, da = _step_backward(dh[:, t, :] + dprev_h, dprev_c, step, Wx, Wh)",
            "dx_t, dprev_h, _, da = _step_backward(dh[:, t, :] + dprev_h, np.zeros((N, H)), step, Wx, Wh)",
        ),
    ),
    Mistake(
        id="gate_order_ifgo",
        says="the activations are split in the order i, f, g, o instead of i, f, o, g",
        culprits=("h", "dx", "dWx"),
        edit=(
            replace(
                "    o = _sigmoid(a[:, 2 * H:3 * H])\n"
                "    g = np.tanh(a[:, 3 * H:])",
                "    g = np.tanh(a[:, 2 * H:3 * H])\n"
                "    o = _sigmoid(a[:, 3 * H:])",
            ),
            replace("[di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g ** 2)], axis=1",
                    "[di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)], axis=1"),
        ),
    ),
    Mistake(
        id="hidden_gradient_not_carried",
        says="backward uses only dh[:, t] at each step and forgets the gradient coming from step t+1 through "
             "prev_h",
        culprits=("dx", "dWx", "lstm_backward"),
        edit=replace("dx_t, dprev_h, dprev_c, da = _step_backward(dh[:, t, :] + dprev_h, dprev_c, step, Wx, Wh)",
                "dx_t, dprev_h, dprev_c, da = _step_backward(dh[:, t, :], dprev_c, step, Wx, Wh)"),
    ),
    Mistake(
        id="weight_gradients_overwritten",
        says="weight gradients are assigned at each step (=) instead of accumulated over time (+=)",
        culprits=("dWx", "lstm_backward"),
        edit=replace(
            "        dWx += step[0].T @ da\n"
            "        dWh += step[1].T @ da\n"
            "        db += da.sum(axis=0)",
            "        dWx = step[0].T @ da\n"
            "        dWh = step[1].T @ da\n"
            "        db = da.sum(axis=0)",
        ),
    ),
    Mistake(
        id="upstream_dh_accumulated_in_place",
        says="lstm_backward adds the gradient from step t + 1 into dh in place (dh[:, t, :] += dprev_h): the "
             "caller's dh is changed",
        culprits=("lstm_backward",),
        edit=replace("        dx_t, dprev_h, dprev_c, da = _step_backward(dh[:, t, :] + dprev_h, dprev_c, step, Wx, Wh)",
                     "        dh[:, t, :] += dprev_h\n"
                     "        dx_t, dprev_h, dprev_c, da = _step_backward(dh[:, t, :], dprev_c, step, Wx, Wh)"),
    ),
]
