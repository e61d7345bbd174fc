"""Public checks for gru: a hand-worked step, the update-gate convention, shapes, gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, strategies as kst

from . import kata

GRADS = ["dx", "dprev_h", "dWx", "dWh", "dbx", "dbh"]


@st.composite
def gru_cases(draw, max_h=3):
    """x (N, D), prev_h (N, H), stacked weights (D, 3H), (H, 3H), biases (3H,), dnext_h (N, H)."""
    n, d, h = draw(kst.dims(1, 2)), draw(kst.dims(1, 3)), draw(kst.dims(1, max_h))
    rng = kst.rng_from(draw(kst.seeds()))
    return {
        "x": rng.uniform(-1, 1, size=(n, d)),
        "prev_h": rng.uniform(-1, 1, size=(n, h)),
        "Wx": rng.uniform(-1, 1, size=(d, 3 * h)),
        "Wh": rng.uniform(-1, 1, size=(h, 3 * h)),
        "bx": rng.uniform(-0.5, 0.5, size=(3 * h,)),
        "bh": rng.uniform(-0.5, 0.5, size=(3 * h,)),
        "dnext_h": rng.uniform(-1, 1, size=(n, h)),
    }


def inputs_of(case):
    return case["x"], case["prev_h"], case["Wx"], case["Wh"], case["bx"], case["bh"]


def shapes_of(case):
    return ", ".join(f"{k} {case[k].shape}" for k in ("x", "prev_h", "Wx", "Wh"))


@kata.check(points=2)
def forward_hand_worked_example(sub, ref):
    """gru_step_forward gives the hand-worked value for one sample with H = 1"""
    x, prev_h = np.array([[1.0]]), np.array([[2.0]])
    Wx = np.array([[0.0, 0.0, 1.0]])               # [r | z | n]
    Wh = np.array([[0.0, 0.0, 0.5]])
    bx = np.array([-np.log(3.0), np.log(3.0), 0.0])  # r = sigmoid(-ln 3) = 1/4, z = sigmoid(ln 3) = 3/4
    bh = np.array([0.0, 0.0, 0.5])
    next_h, _ = expect_tuple(sub.gru_step_forward(x, prev_h, Wx, Wh, bx, bh), ["next_h", "cache"],
                             call="gru_step_forward")
    # h Wh_n + bh_n = 1.5, n = tanh(1 + r * 1.5) = tanh(1.375), h' = (1 - z) n + z h = tanh(1.375) / 4 + 1.5
    assert_close(next_h, np.array([[np.tanh(1.375) / 4 + 1.5]]),
                 name="next_h for x = [[1]], prev_h = [[2]], Wx = [[0, 0, 1]], Wh = [[0, 0, 0.5]], "
                      "bx = [-ln 3, ln 3, 0], bh = [0, 0, 0.5] (so r = 1/4, z = 3/4, n = tanh(1 + r * 1.5); "
                      "expected (1 - z) * n + z * prev_h = tanh(1.375) / 4 + 1.5)")


@kata.check(points=1, max_examples=8)
@given(case=gru_cases())
def forward_output_shape(sub, ref, case):
    """gru_step_forward returns (next_h, cache) with next_h of shape (N, H), float64"""
    next_h, _ = expect_tuple(sub.gru_step_forward(*inputs_of(case)), ["next_h", "cache"], call="gru_step_forward")
    assert_array(next_h, name=f"next_h for {shapes_of(case)}", shape=case["prev_h"].shape)


@kata.check(points=1, max_examples=6)
@given(case=gru_cases())
def saturated_update_gate_keeps_state(sub, ref, case):
    """with the update gate z saturated at 1, gru_step_forward returns prev_h unchanged"""
    h = case["prev_h"].shape[1]
    bx = case["bx"].copy()
    bx[h:2 * h] = 50.0  # second block = z: sigmoid(~50) = 1 - 2e-22
    next_h, _ = expect_tuple(sub.gru_step_forward(case["x"], case["prev_h"], case["Wx"], case["Wh"], bx, case["bh"]),
                             ["next_h", "cache"], call="gru_step_forward")
    assert_close(next_h, case["prev_h"],
                 name=f"next_h when the z block of bx (entries {h}..{2 * h - 1}) is 50 ({shapes_of(case)}): "
                      "z = 1 should give h' = (1 - z) * n + z * h = prev_h. Check the gate order [r | z | n] "
                      "and which of n and h is multiplied by z")


def saturating_case():
    """One fixed step whose gate pre-activations reach +-1000 (r and z) and whose candidate is moderate."""
    rng = np.random.default_rng(5)
    h = 2
    bx = np.concatenate([[1000.0, -1000.0], [-1000.0, 1000.0], [0.1, -0.2]])  # r = [1, 0], z = [0, 1]
    return {"x": rng.uniform(-1, 1, (2, 3)), "prev_h": rng.uniform(-1, 1, (2, h)), "Wx": rng.uniform(-1, 1, (3, 3 * h)),
            "Wh": rng.uniform(-1, 1, (h, 3 * h)), "bx": bx, "bh": rng.uniform(-0.5, 0.5, 3 * h),
            "dnext_h": rng.uniform(-1, 1, (2, h))}


SATURATING = saturating_case()


@kata.check(points=1)
def saturated_gates_stay_finite(sub, ref):
    """gate pre-activations of +-1000 give finite gates of exactly 0 or 1 (a sigmoid that does not overflow)"""
    a = np.array([-1000.0, 0.0, 1000.0])
    assert_close(sub.sigmoid(a), np.array([0.0, 0.5, 1.0]), name=f"sigmoid({a.tolist()}) (exp of a large number "
                 "overflows to inf: use exp(-|a|) on both branches)")
    x, prev_h, Wx, Wh, bx, bh = inputs_of(SATURATING)
    next_h, _ = expect_tuple(sub.gru_step_forward(x, prev_h, Wx, Wh, bx, bh), ["next_h", "cache"],
                             call="gru_step_forward")
    # r = [1, 0] and z = [0, 1] exactly: unit 0 takes the candidate with the full hidden term, unit 1 keeps h.
    n0 = np.tanh(x @ Wx[:, 4] + bx[4] + (prev_h @ Wh[:, 4] + bh[4]))
    expected = np.stack([n0, prev_h[:, 1]], axis=1)
    assert_close(next_h, expected, name="next_h when the pre-activations of r are [1000, -1000] and of z [-1000, 1000] "
                 "(r = [1, 0], z = [0, 1]: h'[:, 0] = n[:, 0], h'[:, 1] = prev_h[:, 1])")


@kata.check(points=3, max_examples=5)
@given(case=gru_cases(max_h=2))
def backward_matches_numerical_gradient(sub, ref, case):
    """gru_step_backward agrees with the numerical gradient of your gru_step_forward"""
    inputs = inputs_of(case)
    _, cache = expect_tuple(sub.gru_step_forward(*inputs), ["next_h", "cache"], call="gru_step_forward")
    grads = expect_tuple(sub.gru_step_backward(case["dnext_h"], cache), GRADS, call="gru_step_backward")
    check_gradients(lambda *a: sub.gru_step_forward(*a)[0], inputs, grads, case["dnext_h"], names=GRADS)
