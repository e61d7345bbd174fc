"""Public checks of lstm_sequence: formulas on one step, causality, batch independence, gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, strategies as kst

from . import kata


@st.composite
def lstm_cases(draw, max_n=2, max_t=3, max_d=3, max_h=2, t=None):
    """x, h0, Wx, Wh, b and an upstream dh, all from one drawn seed."""
    n, d, h = draw(kst.dims(1, max_n)), draw(kst.dims(1, max_d)), draw(kst.dims(1, max_h))
    t = t if t is not None else draw(kst.dims(1, max_t))
    rng = kst.rng_from(draw(kst.seeds()))
    return {
        "x": rng.uniform(-1, 1, (n, t, d)),
        "h0": rng.uniform(-1, 1, (n, h)),
        "Wx": rng.uniform(-0.8, 0.8, (d, 4 * h)),
        "Wh": rng.uniform(-0.8, 0.8, (h, 4 * h)),
        "b": rng.uniform(-0.5, 0.5, (4 * h,)),
        "dh": rng.uniform(-1, 1, (n, t, h)),
    }


def _inputs(case):
    return case["x"], case["h0"], case["Wx"], case["Wh"], case["b"]


def _forward_h(sub, case, x=None):
    x = case["x"] if x is None else x
    got = sub.lstm_forward(x, case["h0"], case["Wx"], case["Wh"], case["b"])
    h, _ = expect_tuple(got, ["h", "cache"], call="lstm_forward")
    n, t, _ = x.shape
    return assert_array(h, name="h", shape=(n, t, case["h0"].shape[1]))


@kata.check(points=2)
@given(case=lstm_cases(t=1))
def one_step_follows_the_formulas(sub, ref, case):
    """On a one-step sequence, h[:, 0] is one LSTM step from h0 and a zero cell state"""
    x, h0, Wx, Wh, b = _inputs(case)
    H = h0.shape[1]
    a = x[:, 0, :] @ Wx + h0 @ Wh + b
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))
    i, f, o, g = sig(a[:, :H]), sig(a[:, H:2 * H]), sig(a[:, 2 * H:3 * H]), np.tanh(a[:, 3 * H:])
    expected = o * np.tanh(i * g)  # c = f * 0 + i * g
    h = _forward_h(sub, case)
    assert_close(h[:, 0, :], expected, name="h[:, 0, :] (gate order i, f, o, g; c0 = 0)")


@kata.check(points=1)
@given(case=lstm_cases(max_t=4), data=st.data())
def hidden_states_are_causal(sub, ref, case, data):
    """h[:, t] depends only on x[:, :t+1]: changing later inputs leaves earlier states unchanged"""
    x = case["x"]
    T = x.shape[1]
    h = _forward_h(sub, case)
    cut = data.draw(st.integers(0, T - 1), label="cut")
    x2 = x.copy()
    x2[:, cut:, :] = data.draw(kst.arrays(x[:, cut:, :].shape), label="new tail")
    h2 = _forward_h(sub, case, x2)
    if cut > 0:
        assert_close(h2[:, :cut, :], h[:, :cut, :],
                     name=f"h[:, :{cut}] after changing x[:, {cut}:] (earlier hidden states must not change)")
    prefix = _forward_h(sub, case, x[:, :cut + 1, :])
    assert_close(prefix, h[:, :cut + 1, :], name=f"h of the prefix x[:, :{cut + 1}] (must equal h[:, :{cut + 1}] of the full run)")


@kata.check(points=1)
@given(case=lstm_cases(max_n=3))
def sequences_in_a_batch_are_independent(sub, ref, case):
    """Each sequence of the batch gives the same hidden states when run on its own"""
    x, h0, Wx, Wh, b = _inputs(case)
    h = _forward_h(sub, case)
    for n in range(x.shape[0]):
        hn, _ = expect_tuple(sub.lstm_forward(x[n:n + 1], h0[n:n + 1], Wx, Wh, b), ["h", "cache"], call="lstm_forward")
        assert_close(hn, h[n:n + 1], name=f"h of sequence {n} run alone (batch of 1)")


@kata.check(points=3, max_examples=6)
@given(case=lstm_cases())
def backward_matches_numerical_gradient(sub, ref, case):
    """lstm_backward agrees with the numerical gradient of your lstm_forward"""
    inputs = list(_inputs(case))
    _, cache = expect_tuple(sub.lstm_forward(*inputs), ["h", "cache"], call="lstm_forward")
    grads = expect_tuple(sub.lstm_backward(case["dh"], cache), ["dx", "dh0", "dWx", "dWh", "db"], call="lstm_backward")
    check_gradients(lambda *args: sub.lstm_forward(*args)[0], inputs, grads, case["dh"],
                    names=["dx", "dh0", "dWx", "dWh", "db"])
