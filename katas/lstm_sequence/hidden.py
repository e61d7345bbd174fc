"""Hidden checks of lstm_sequence: comparisons with the reference."""
import numpy as np
from hypothesis import given

from graders import assert_close, expect_tuple

from . import kata
from .public import _inputs, lstm_cases


@kata.check(points=2, hidden=True)
@given(case=lstm_cases(max_n=3, max_t=5, max_d=4, max_h=3))
def forward_matches_reference(sub, ref, case):
    """lstm_forward matches the reference hidden states"""
    h, _ = expect_tuple(sub.lstm_forward(*_inputs(case)), ["h", "cache"], call="lstm_forward")
    expected, _ = ref.lstm_forward(*_inputs(case))
    assert_close(h, expected, name="h")


def _compare_grads(sub, ref, case, which):
    _, cache = expect_tuple(sub.lstm_forward(*_inputs(case)), ["h", "cache"], call="lstm_forward")
    grads = expect_tuple(sub.lstm_backward(case["dh"], cache), ["dx", "dh0", "dWx", "dWh", "db"], call="lstm_backward")
    _, rcache = ref.lstm_forward(*_inputs(case))
    expected = ref.lstm_backward(case["dh"], rcache)
    names = ["dx", "dh0", "dWx", "dWh", "db"]
    for k in which:
        assert_close(grads[k], expected[k], name=names[k])


@kata.check(points=2, hidden=True, max_examples=10)
@given(case=lstm_cases(max_n=3, max_t=5, max_d=4, max_h=3))
def input_gradients_match_reference(sub, ref, case):
    """dx and dh0 from lstm_backward match the reference"""
    _compare_grads(sub, ref, case, [0, 1])


@kata.check(points=2, hidden=True, max_examples=10)
@given(case=lstm_cases(max_n=3, max_t=5, max_d=4, max_h=3))
def weight_gradients_match_reference(sub, ref, case):
    """dWx, dWh and db from lstm_backward match the reference"""
    _compare_grads(sub, ref, case, [2, 3, 4])


@kata.check(points=1, hidden=True, max_examples=8)
@given(case=lstm_cases(max_n=2, max_d=3, max_h=3, t=6))
def gradient_from_last_state_matches_reference(sub, ref, case):
    """A loss on the last hidden state only backpropagates through all six steps like the reference"""
    dh = np.zeros_like(case["dh"])
    dh[:, -1, :] = case["dh"][:, -1, :]
    _compare_grads(sub, ref, dict(case, dh=dh), [0, 1, 2, 3, 4])
