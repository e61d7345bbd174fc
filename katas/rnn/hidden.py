"""Hidden checks for rnn: agreement with the reference, step and sequence."""
from hypothesis import given

from graders import assert_close, expect_tuple

from . import kata
from .public import SEQ_GRADS, STEP_GRADS, rnn_cases, shapes_of, step_inputs


@kata.check(points=1, hidden=True, max_examples=10)
@given(case=rnn_cases(max_t=1))
def step_forward_matches_reference(sub, ref, case):
    """rnn_step_forward matches the reference"""
    inputs = step_inputs(case)
    next_h, _ = expect_tuple(sub.rnn_step_forward(*inputs), ["next_h", "cache"], call="rnn_step_forward")
    assert_close(next_h, ref.rnn_step_forward(*inputs)[0], name=f"next_h for {shapes_of(case)}")


@kata.check(points=2, hidden=True, max_examples=10)
@given(case=rnn_cases(max_t=1))
def step_backward_matches_reference(sub, ref, case):
    """rnn_step_backward matches the reference"""
    inputs = step_inputs(case)
    dnext_h = case["dh"][:, 0, :]
    _, cache = expect_tuple(sub.rnn_step_forward(*inputs), ["next_h", "cache"], call="rnn_step_forward")
    grads = expect_tuple(sub.rnn_step_backward(dnext_h, cache), STEP_GRADS, call="rnn_step_backward")
    expected = ref.rnn_step_backward(dnext_h, ref.rnn_step_forward(*inputs)[1])
    for name, got, want in zip(STEP_GRADS, grads, expected):
        assert_close(got, want, name=f"{name} for {shapes_of(case)}")


@kata.check(points=2, hidden=True, max_examples=10)
@given(case=rnn_cases(max_t=5))
def forward_matches_reference(sub, ref, case):
    """rnn_forward matches the reference"""
    inputs = case["x"], case["h0"], case["Wx"], case["Wh"], case["b"]
    h, _ = expect_tuple(sub.rnn_forward(*inputs), ["h", "cache"], call="rnn_forward")
    assert_close(h, ref.rnn_forward(*inputs)[0], name=f"h for {shapes_of(case)}")


@kata.check(points=3, hidden=True, max_examples=10)
@given(case=rnn_cases(max_t=5))
def backward_matches_reference(sub, ref, case):
    """rnn_backward matches the reference (gradients through every time step)"""
    inputs = case["x"], case["h0"], case["Wx"], case["Wh"], case["b"]
    _, cache = expect_tuple(sub.rnn_forward(*inputs), ["h", "cache"], call="rnn_forward")
    grads = expect_tuple(sub.rnn_backward(case["dh"], cache), SEQ_GRADS, call="rnn_backward")
    expected = ref.rnn_backward(case["dh"], ref.rnn_forward(*inputs)[1])
    for name, got, want in zip(SEQ_GRADS, grads, expected):
        assert_close(got, want, name=f"{name} for {shapes_of(case)}")
