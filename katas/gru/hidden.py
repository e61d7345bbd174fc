"""Hidden checks for gru: agreement with the reference (PyTorch's formulation)."""
from hypothesis import example, given

from graders import assert_close, expect_tuple

from . import kata
from .public import GRADS, SATURATING, gru_cases, inputs_of, shapes_of


@kata.check(points=2, hidden=True, max_examples=12)
@given(case=gru_cases(max_h=4))
@example(case=SATURATING).via("gate pre-activations of +-1000")
def forward_matches_reference(sub, ref, case):
    """gru_step_forward matches the reference (gate order r, z, n; reset applied after Wh_n)"""
    inputs = inputs_of(case)
    next_h, _ = expect_tuple(sub.gru_step_forward(*inputs), ["next_h", "cache"], call="gru_step_forward")
    assert_close(next_h, ref.gru_step_forward(*inputs)[0], name=f"next_h for {shapes_of(case)}")


def _compare_grads(sub, ref, case, which):
    inputs = inputs_of(case)
    _, cache = expect_tuple(sub.gru_step_forward(*inputs), ["next_h", "cache"], call="gru_step_forward")
    grads = expect_tuple(sub.gru_step_backward(case["dnext_h"], cache), GRADS, call="gru_step_backward")
    expected = ref.gru_step_backward(case["dnext_h"], ref.gru_step_forward(*inputs)[1])
    for name, got, want in zip(GRADS, grads, expected):
        if name in which:
            assert_close(got, want, name=f"{name} for {shapes_of(case)}")


@kata.check(points=2, hidden=True, max_examples=12)
@given(case=gru_cases(max_h=4))
def input_gradients_match_reference(sub, ref, case):
    """gru_step_backward's dx and dprev_h match the reference"""
    _compare_grads(sub, ref, case, ("dx", "dprev_h"))


@kata.check(points=2, hidden=True, max_examples=12)
@given(case=gru_cases(max_h=4))
def parameter_gradients_match_reference(sub, ref, case):
    """gru_step_backward's dWx, dWh, dbx and dbh match the reference"""
    _compare_grads(sub, ref, case, ("dWx", "dWh", "dbx", "dbh"))
