"""Public checks for rnn: a hand-worked step, sequence/step consistency, gradients of both."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, strategies as kst

from . import kata

STEP_GRADS = ["dx", "dprev_h", "dWx", "dWh", "db"]
SEQ_GRADS = ["dx", "dh0", "dWx", "dWh", "db"]


@st.composite
def rnn_cases(draw, max_t=4):
    """A small batch: x (N, T, D), h0 (N, H), weights scaled to keep tanh away from saturation, dh (N, T, H)."""
    n, t, d, h = draw(kst.dims(1, 2)), draw(kst.dims(1, max_t)), draw(kst.dims(1, 3)), draw(kst.dims(1, 3))
    rng = kst.rng_from(draw(kst.seeds()))
    return {
        "x": rng.uniform(-1, 1, size=(n, t, d)),
        "h0": rng.uniform(-1, 1, size=(n, h)),
        "Wx": rng.uniform(-0.6, 0.6, size=(d, h)),
        "Wh": rng.uniform(-0.6, 0.6, size=(h, h)),
        "b": rng.uniform(-0.3, 0.3, size=(h,)),
        "dh": rng.uniform(-1, 1, size=(n, t, h)),
    }


def shapes_of(case):
    return f"x {case['x'].shape}, h0 {case['h0'].shape}, Wx {case['Wx'].shape}, Wh {case['Wh'].shape}"


def step_inputs(case):
    """The first time step of a case: (x (N, D), prev_h (N, H), Wx, Wh, b)."""
    return case["x"][:, 0, :], case["h0"], case["Wx"], case["Wh"], case["b"]


@kata.check(points=1)
def step_forward_hand_worked_example(sub, ref):
    """rnn_step_forward computes tanh(x Wx + prev_h Wh + b) on a hand-worked example"""
    x = np.array([[1.0, 2.0]])
    prev_h = np.array([[1.0, -1.0]])
    Wx = np.array([[0.1, 0.2], [0.3, -0.4]])
    Wh = np.array([[0.5, 0.25], [-0.5, 0.75]])
    b = np.array([0.05, -0.05])
    next_h, _ = expect_tuple(sub.rnn_step_forward(x, prev_h, Wx, Wh, b), ["next_h", "cache"],
                             call="rnn_step_forward")
    # x Wx = [0.7, -0.6], prev_h Wh = [1.0, -0.5], + b -> [1.75, -1.15]
    assert_close(next_h, np.tanh(np.array([[1.75, -1.15]])),
                 name="next_h for x = [[1, 2]], prev_h = [[1, -1]], Wx = [[0.1, 0.2], [0.3, -0.4]], "
                      "Wh = [[0.5, 0.25], [-0.5, 0.75]], b = [0.05, -0.05] (expected tanh([[1.75, -1.15]]))")


@kata.check(points=2, max_examples=8)
@given(case=rnn_cases())
def forward_chains_your_step(sub, ref, case):
    """rnn_forward returns h of shape (N, T, H) whose steps chain h_t = tanh(x_t Wx + h_{t-1} Wh + b) from h0"""
    x, h0, Wx, Wh, b = case["x"], case["h0"], case["Wx"], case["Wh"], case["b"]
    h, _ = expect_tuple(sub.rnn_forward(x, h0, Wx, Wh, b), ["h", "cache"], call="rnn_forward")
    n, t, _ = x.shape
    h = assert_array(h, name=f"h for {shapes_of(case)}", shape=(n, t, h0.shape[1]))
    prev_h = h0
    for step in range(t):
        # the statement's step written out, not the learner's rnn_step_forward: a wrong step function
        # must not make a correct rnn_forward fail
        prev_h = np.tanh(x[:, step, :] @ Wx + prev_h @ Wh + b)
        assert_close(h[:, step, :], prev_h,
                     name=f"h[:, {step}, :] (should be tanh(x[:, {step}, :] @ Wx + h[:, {step - 1}, :] @ Wh + b)"
                          + (", starting from h0" if step == 0 else "") + f"; {shapes_of(case)})")


@kata.check(points=2, max_examples=5)
@given(case=rnn_cases(max_t=1))
def step_backward_matches_numerical_gradient(sub, ref, case):
    """rnn_step_backward agrees with the numerical gradient of your rnn_step_forward"""
    inputs = step_inputs(case)
    dnext_h = case["dh"][:, 0, :]
    _, cache = expect_tuple(sub.rnn_step_forward(*inputs), ["next_h", "cache"], call="rnn_step_forward")
    grads = expect_tuple(sub.rnn_step_backward(dnext_h, cache), STEP_GRADS, call="rnn_step_backward")
    check_gradients(lambda *a: sub.rnn_step_forward(*a)[0], inputs, grads, dnext_h, names=STEP_GRADS)


@kata.check(points=3, max_examples=5)
@given(case=rnn_cases())
def backward_matches_numerical_gradient(sub, ref, case):
    """rnn_backward (BPTT) agrees with the numerical gradient of your rnn_forward"""
    inputs = case["x"], case["h0"], case["Wx"], case["Wh"], case["b"]
    _, cache = expect_tuple(sub.rnn_forward(*inputs), ["h", "cache"], call="rnn_forward")
    grads = expect_tuple(sub.rnn_backward(case["dh"], cache), SEQ_GRADS, call="rnn_backward")
    check_gradients(lambda *a: sub.rnn_forward(*a)[0], inputs, grads, case["dh"], names=SEQ_GRADS)
