"""Hidden checks of the rope kata: comparisons with the reference."""
from hypothesis import given

from graders import assert_array, assert_close, expect_tuple, within

from . import kata
from .public import describe, forward, rope_cases


@kata.check(points=2, hidden=True)
@given(case=rope_cases())
def forward_matches_reference(sub, ref, case):
    """rope_forward rotates adjacent pairs counterclockwise by position * base ** (-2i/d), any batch axes"""
    out, _ = forward(sub, case["x"], case["positions"], case["base"])
    expected, _ = ref.rope_forward(case["x"], case["positions"], case["base"])
    within(f"rope_forward on {describe(case)}.", assert_close, out, expected, name="out")


@kata.check(points=1, hidden=True)
@given(case=rope_cases(max_position=5000))
def forward_matches_reference_far_positions(sub, ref, case):
    """rope_forward is exact at positions in the thousands too"""
    out, _ = forward(sub, case["x"], case["positions"], case["base"])
    expected, _ = ref.rope_forward(case["x"], case["positions"], case["base"])
    within(f"rope_forward on {describe(case)}.", assert_close, out, expected, name="out", atol=1e-7)


@kata.check(points=2, hidden=True)
@given(case=rope_cases())
def backward_matches_reference(sub, ref, case):
    """rope_backward rotates dout back by the same angles"""
    x, positions, base, dout = case["x"], case["positions"], case["base"], case["dout"]
    _, cache = forward(sub, x, positions, base)
    dx = assert_array(sub.rope_backward(dout, cache), name="rope_backward: dx", shape=x.shape)
    _, ref_cache = ref.rope_forward(x, positions, base)
    within(f"rope_backward on {describe(case)} and a random dout.", assert_close, dx,
           ref.rope_backward(dout, ref_cache), name="dx")


@kata.check(points=1, hidden=True)
@given(case=rope_cases())
def default_base_is_ten_thousand(sub, ref, case):
    """rope_forward's base defaults to 10000"""
    out, _ = forward_default(sub, case["x"], case["positions"])
    expected, _ = ref.rope_forward(case["x"], case["positions"], 10000.0)
    within(f"rope_forward(x, positions) without a base, on {describe(case)}.", assert_close, out, expected, name="out")


def forward_default(sub, x, positions):
    out, cache = expect_tuple(sub.rope_forward(x, positions), ["out", "cache"], call="rope_forward")
    return assert_array(out, name="rope_forward: out", shape=x.shape), cache
