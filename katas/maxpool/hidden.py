"""Hidden checks for maxpool: agreement with the reference on drawn inputs."""
from hypothesis import given

from graders import assert_close, expect_tuple

from . import kata
from .public import describe_params, pool_cases


@kata.check(points=2, hidden=True, max_examples=12)
@given(case=pool_cases())
def forward_matches_reference(sub, ref, case):
    """maxpool_forward matches the reference (rectangular, strided and overlapping windows)"""
    x, ph, pw, s = case["x"], case["ph"], case["pw"], case["s"]
    out, _ = expect_tuple(sub.maxpool_forward(x, ph, pw, s), ["out", "cache"], call="maxpool_forward")
    expected, _ = ref.maxpool_forward(x, ph, pw, s)
    assert_close(out, expected, name=f"out for {describe_params(case)}")


@kata.check(points=2, hidden=True, max_examples=12)
@given(case=pool_cases())
def backward_matches_reference(sub, ref, case):
    """maxpool_backward matches the reference on inputs without ties"""
    x, ph, pw, s, dout = case["x"], case["ph"], case["pw"], case["s"], case["dout"]
    _, cache = expect_tuple(sub.maxpool_forward(x, ph, pw, s), ["out", "cache"], call="maxpool_forward")
    dx = sub.maxpool_backward(dout, cache)
    _, ref_cache = ref.maxpool_forward(x, ph, pw, s)
    assert_close(dx, ref.maxpool_backward(dout, ref_cache), name=f"dx for {describe_params(case)}")


@kata.check(points=2, hidden=True, max_examples=12)
@given(case=pool_cases(ties=True))
def backward_with_ties_matches_reference(sub, ref, case):
    """with tied maxima, maxpool_backward routes each gradient to the first maximum, like the reference"""
    x, ph, pw, s, dout = case["x"], case["ph"], case["pw"], case["s"], case["dout"]
    _, cache = expect_tuple(sub.maxpool_forward(x, ph, pw, s), ["out", "cache"], call="maxpool_forward")
    dx = sub.maxpool_backward(dout, cache)
    _, ref_cache = ref.maxpool_forward(x, ph, pw, s)
    assert_close(dx, ref.maxpool_backward(dout, ref_cache),
                 name=f"dx for {describe_params(case)} with integer-valued x (ties)")
