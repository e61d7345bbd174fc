"""Hidden checks of the lora kata: comparisons with the reference."""
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, strategies as kst, within

from . import kata
from .public import backward, describe, forward, lora_cases


@kata.check(points=1, hidden=True)
@given(d_in=kst.dims(1, 6), d_out=kst.dims(1, 6), r=kst.dims(1, 4), seed=kst.seeds())
def init_matches_reference(sub, ref, d_in, d_out, r, seed):
    """lora_init draws A with the given seed and returns B = 0"""
    got = expect_tuple(sub.lora_init(d_in, d_out, r, seed), ["A", "B"], call="lora_init")
    for value, expected, name in zip(got, ref.lora_init(d_in, d_out, r, seed), ("A", "B")):
        within(f"lora_init({d_in}, {d_out}, {r}, seed={seed}).", assert_close, value, expected, name=name)


@kata.check(points=2, hidden=True)
@given(case=lora_cases())
def forward_matches_reference(sub, ref, case):
    """lora_forward computes x @ W + b + (alpha / r) (x @ A) @ B for any leading axes"""
    out, _ = forward(sub, case)
    expected, _ = ref.lora_forward(case["x"], case["W"], case["b"], case["A"], case["B"], case["alpha"])
    within(f"lora_forward on {describe(case)}.", assert_close, out, expected, name="out")


@kata.check(points=3, hidden=True)
@given(case=lora_cases(), zero_b=st.booleans())
def backward_matches_reference(sub, ref, case, zero_b):
    """lora_backward returns the exact dx, dA, dB, summed over every leading axis"""
    if zero_b:
        case = {**case, "B": 0 * case["B"]}
    _, cache = forward(sub, case)
    grads = backward(sub, case["dout"], cache, case)
    _, ref_cache = ref.lora_forward(case["x"], case["W"], case["b"], case["A"], case["B"], case["alpha"])
    for got, expected, name in zip(grads, ref.lora_backward(case["dout"], ref_cache), ("dx", "dA", "dB")):
        within(f"lora_backward on {describe(case)} and a random dout.", assert_close, got, expected, name=name)


@kata.check(points=1, hidden=True)
@given(case=lora_cases())
def merge_matches_reference(sub, ref, case):
    """lora_merge returns W + (alpha / r) A @ B"""
    got = sub.lora_merge(case["W"], case["A"], case["B"], case["alpha"])
    expected = ref.lora_merge(case["W"], case["A"], case["B"], case["alpha"])
    within(f"lora_merge on {describe(case)}.", assert_close, got, expected, name="W_merged")
