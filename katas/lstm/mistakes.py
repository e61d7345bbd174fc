"""Known mistakes of the lstm kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="db_mean_over_batch",
        says="db averages the gate gradients over the batch instead of summing them",
        culprits=("db", "lstm_step_backward"),
        edit=replace("db = da.sum(axis=0)", "db = da.mean(axis=0)"),
    ),
    Mistake(
        id="dprev_c_without_forget_gate",
        says="dprev_c = dnext_c: the gradient to the previous cell misses the forget gate f",
        culprits=("dprev_c", "lstm_step_backward"),
        edit=replace("dprev_c = dc * f", "dprev_c = dnext_c"),
    ),
    Mistake(
        id="next_h_path_missing_from_dc",
        says="backward uses dnext_c alone for the cell, forgetting the path dnext_h * o * (1 - tanh(next_c)**2)",
        culprits=("dx", "lstm_step_backward"),
        edit=replace("dc = dnext_c + dnext_h * o * (1.0 - tanh_c ** 2)", "dc = dnext_c"),
    ),
    Mistake(
        id="no_tanh_on_next_c",
        says="next_h = o * next_c: the cell state is not squashed by tanh (backward consistent with it)",
        culprits=("next_h", "lstm_step_forward", "lstm_step_backward"),
        edit=(
            replace("tanh_c = np.tanh(next_c)", "tanh_c = next_c"),
            replace("dc = dnext_c + dnext_h * o * (1.0 - tanh_c ** 2)", "dc = dnext_c + dnext_h * o"),
        ),
    ),
    Mistake(
        id="pytorch_gate_order",
        says="gates split in PyTorch's order i, f, g, o instead of i, f, o, g",
        culprits=("lstm_step_forward", "lstm_step_backward"),
        edit=(
            replace(
                "    o = _sigmoid(a[:, 2 * H:3 * H])\n"
                "    g = np.tanh(a[:, 3 * H:])",
                "    g = np.tanh(a[:, 2 * H:3 * H])\n"
                "    o = _sigmoid(a[:, 3 * H:])",
            ),
            replace("[di * i * (1.0 - i), df * f * (1.0 - f), do * o * (1.0 - o), dg * (1.0 - g ** 2)],",
                    "[di * i * (1.0 - i), df * f * (1.0 - f), dg * (1.0 - g ** 2), do * o * (1.0 - o)],"),
        ),
    ),
    Mistake(
        id="sigmoid_derivative_s",
        says="sigmoid derivative written as s instead of s * (1 - s) in the backward pass",
        culprits=("dx", "lstm_step_backward"),
        edit=replace("[di * i * (1.0 - i), df * f * (1.0 - f), do * o * (1.0 - o), dg * (1.0 - g ** 2)],",
                "[di * i, df * f, do * o, dg * (1.0 - g ** 2)],"),
    ),
    Mistake(
        id="dnext_c_accumulated_in_place",
        says="lstm_step_backward adds the gradient through next_h into dnext_c in place (dnext_c += ...): the "
             "caller's upstream gradient is changed",
        culprits=("lstm_step_backward",),
        edit=replace("    dc = dnext_c + dnext_h * o * (1.0 - tanh_c ** 2)",
                     "    dnext_c += dnext_h * o * (1.0 - tanh_c ** 2)\n    dc = dnext_c"),
    ),
]
