"""Public checks of the lstm kata: shapes, hand-computed gates, gradient self-consistency."""
import numpy as np
from hypothesis import given, strategies as st

from graders import CheckFailed, assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst

from . import kata

INPUT_NAMES = ["x", "prev_h", "prev_c", "Wx", "Wh", "b"]
GRAD_NAMES = ["dx", "dprev_h", "dprev_c", "dWx", "dWh", "db"]
SEEDS = kst.seeds()


@st.composite
def lstm_cases(draw, max_n=3, max_d=4, max_h=3):
    """A random LSTM step: inputs, weights and upstream gradients (float64, uniform in [-1, 1], prev_c in [-2, 2])."""
    n, d, h = draw(st.integers(1, max_n)), draw(st.integers(1, max_d)), draw(st.integers(1, max_h))
    rng = kst.rng_from(draw(SEEDS))
    return {
        "x": rng.uniform(-1, 1, (n, d)),
        "prev_h": rng.uniform(-1, 1, (n, h)),
        "prev_c": rng.uniform(-2, 2, (n, h)),
        "Wx": rng.uniform(-1, 1, (d, 4 * h)),
        "Wh": rng.uniform(-1, 1, (h, 4 * h)),
        "b": rng.uniform(-1, 1, (4 * h,)),
        "dnext_h": rng.uniform(-1, 1, (n, h)),
        "dnext_c": rng.uniform(-1, 1, (n, h)),
    }


def inputs(case):
    """The forward's arguments, in order."""
    return [case[name] for name in INPUT_NAMES]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def close(got, expected, *, name, context):
    """assert_close, with a sentence saying which input was used."""
    try:
        assert_close(got, expected, name=name)
    except CheckFailed as exc:
        raise CheckFailed(f"{context}\n{exc}") from None


def shapes_of(case):
    n, d = case["x"].shape
    return f"N={n}, D={d}, H={case['prev_h'].shape[1]}"


@kata.check(points=1)
@given(case=lstm_cases())
def forward_returns_states_of_shape_n_h(sub, ref, case):
    """lstm_step_forward returns (next_h, next_c, cache); next_h and next_c are (N, H) and |next_h| < 1"""
    next_h, next_c, _ = expect_tuple(
        sub.lstm_step_forward(*inputs(case)), ["next_h", "next_c", "cache"], call="lstm_step_forward"
    )
    shape = case["prev_h"].shape
    assert_array(next_h, name="next_h", shape=shape)
    assert_array(next_c, name="next_c", shape=shape)
    if np.any(np.abs(next_h) >= 1):
        worst = np.unravel_index(int(np.argmax(np.abs(next_h))), shape)
        fail(
            f"next_h[{worst[0]}, {worst[1]}] = {next_h[worst]:.6g} ({shapes_of(case)}), but next_h = o * tanh(next_c) "
            "with o in (0, 1) always lies strictly between -1 and 1. Did you squash next_c with tanh before "
            "multiplying by the output gate?"
        )


@kata.check(points=2)
@given(case=lstm_cases())
def gates_are_blocks_i_f_o_g_of_the_preactivation(sub, ref, case):
    """With zero weights the gates are sigmoid/tanh of the four blocks of b, in the order i, f, o, g"""
    x, prev_h, prev_c, Wx, Wh, b = inputs(case)
    b = 2.0 * b
    Wx, Wh = np.zeros_like(Wx), np.zeros_like(Wh)
    H = prev_h.shape[1]
    i, f, o, g = sigmoid(b[:H]), sigmoid(b[H:2 * H]), sigmoid(b[2 * H:3 * H]), np.tanh(b[3 * H:])
    expected_c = f * prev_c + i * g
    expected_h = o * np.tanh(expected_c)
    next_h, next_c, _ = expect_tuple(
        sub.lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b), ["next_h", "next_c", "cache"], call="lstm_step_forward"
    )
    context = (
        f"lstm_step_forward with Wx = 0 and Wh = 0 ({shapes_of(case)}): the pre-activation is just "
        f"b = {np.round(b, 4).tolist()}; its blocks of width H are, in the statement's order, i, f, o, g (CS231n's "
        "order; PyTorch's is i, f, g, o), so next_c = sigmoid(b_f) * prev_c + sigmoid(b_i) * "
        "tanh(b_g) and next_h = sigmoid(b_o) * tanh(next_c)."
    )
    close(next_c, expected_c, name="next_c", context=context)
    close(next_h, expected_h, name="next_h", context=context)


@kata.check(points=1)
@given(case=lstm_cases())
def dprev_c_is_dnext_c_times_forget_gate(sub, ref, case):
    """When dnext_h = 0, dprev_c = dnext_c * f (the forget gate)"""
    x, prev_h, prev_c, Wx, Wh, b = inputs(case)
    Wx, Wh = np.zeros_like(Wx), np.zeros_like(Wh)
    H = prev_h.shape[1]
    f = sigmoid(b[H:2 * H])
    dnext_c = case["dnext_c"]
    _, next_c, cache = expect_tuple(
        sub.lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b), ["next_h", "next_c", "cache"], call="lstm_step_forward"
    )
    grads = expect_tuple(sub.lstm_step_backward(np.zeros_like(dnext_c), dnext_c, cache), GRAD_NAMES,
                         call="lstm_step_backward")
    context = (
        f"With Wx = 0, Wh = 0 (so f = sigmoid(b_f) = {np.round(f, 4).tolist()}, b_f the second of the blocks "
        "i, f, o, g) "
        f"and dnext_h = 0 ({shapes_of(case)}), the only path from prev_c to the loss is next_c = f * prev_c + ..., "
        "so dprev_c = dnext_c * f."
    )
    # The backward reads the forget gate from your forward's cache. If your forward applies another gate to prev_c
    # than the statement's f, the two functions disagree: say so, and grade the backward against your forward.
    _, shifted_c, _ = expect_tuple(sub.lstm_step_forward(x, prev_h, prev_c + 1.0, Wx, Wh, b),
                                   ["next_h", "next_c", "cache"], call="lstm_step_forward")
    yours = np.asarray(shifted_c, dtype=float) - np.asarray(next_c, dtype=float)
    if yours.shape == prev_c.shape and not np.allclose(yours, f, rtol=1e-6, atol=1e-8):
        context = (
            f"Your lstm_step_forward and the statement disagree: with Wx = 0, Wh = 0 it multiplies prev_c by "
            f"{np.round(yours[0], 4).tolist()} (row 0), not by the forget gate sigmoid(b_f) = "
            f"{np.round(f, 4).tolist()} "
            "(the gate order is i, f, o, g; see the check of the gates). The statement's example says "
            "lstm_step_forward is the one to fix. Meanwhile lstm_step_backward is compared with the factor your "
            "forward applies: dprev_c = dnext_c * (that factor)."
        )
        f = yours
    close(grads[2], dnext_c * f, name="dprev_c", context=context)


@kata.check(points=3, max_examples=6)
@given(case=lstm_cases(max_n=2, max_d=3, max_h=2))
def backward_matches_numerical_gradient_of_your_forward(sub, ref, case):
    """lstm_step_backward agrees with the numerical gradient of your lstm_step_forward"""
    _, _, cache = expect_tuple(sub.lstm_step_forward(*inputs(case)), ["next_h", "next_c", "cache"],
                               call="lstm_step_forward")
    douts = (case["dnext_h"], case["dnext_c"])
    grads = expect_tuple(sub.lstm_step_backward(*douts, cache), GRAD_NAMES, call="lstm_step_backward")
    # Tensors of more than 8 elements are checked along 3 random directions (2 forward calls each), not elementwise.
    check_gradients(lambda *a: sub.lstm_step_forward(*a)[:2], inputs(case), grads, douts, names=GRAD_NAMES,
                    max_elementwise=8)
