"""Hidden checks of conv2d_fast: comparisons with the reference and the time limit."""
import time

import numpy as np
from hypothesis import given

from graders import assert_close, expect_tuple, fail, last_call_seconds, strategies as kst, submission_source

from . import kata
from .public import MAX_LOOP_DEPTH, _args, conv_cases, loop_nesting

TIME_FACTOR = 20.0
TIME_FLOOR = 0.5  # seconds: covers the transfer of the cache and a busy machine; a pixel loop takes seconds


@kata.check(points=2, hidden=True)
@given(case=conv_cases(max_n=3, max_c=3, max_f=4, max_hw=8))
def forward_matches_reference(sub, ref, case):
    """conv2d_forward matches the reference"""
    s, p = case["stride"], case["pad"]
    out, _ = expect_tuple(sub.conv2d_forward(*_args(case), stride=s, pad=p), ["out", "cache"], call="conv2d_forward")
    expected, _ = ref.conv2d_forward(*_args(case), stride=s, pad=p)
    assert_close(out, expected, name=f"out (stride={s}, pad={p})")


@kata.check(points=2, hidden=True)
@given(case=conv_cases(max_n=3, max_c=3, max_f=4, max_hw=8))
def backward_matches_reference(sub, ref, case):
    """conv2d_backward matches the reference gradients"""
    s, p = case["stride"], case["pad"]
    _, cache = expect_tuple(sub.conv2d_forward(*_args(case), stride=s, pad=p), ["out", "cache"], call="conv2d_forward")
    grads = expect_tuple(sub.conv2d_backward(case["dout"], cache), ["dx", "dw", "db"], call="conv2d_backward")
    _, rcache = ref.conv2d_forward(*_args(case), stride=s, pad=p)
    for got, expected, name in zip(grads, ref.conv2d_backward(case["dout"], rcache), ["dx", "dw", "db"]):
        assert_close(got, expected, name=f"{name} (stride={s}, pad={p})")


@kata.check(points=1, hidden=True)
@given(case=conv_cases(max_hw=7), seed=kst.seeds())
def im2col_and_col2im_match_reference(sub, ref, case, seed):
    """im2col and col2im match the reference"""
    x, w, s, p = case["x"], case["w"], case["stride"], case["pad"]
    HH, WW = w.shape[2], w.shape[3]
    expected = ref.im2col(x, HH, WW, s, p)
    assert_close(sub.im2col(x, HH, WW, stride=s, pad=p), expected, name=f"im2col (stride={s}, pad={p})")
    Y = kst.rng_from(seed).uniform(-1, 1, expected.shape)
    assert_close(sub.col2im(Y, x.shape, HH, WW, stride=s, pad=p), ref.col2im(Y, x.shape, HH, WW, s, p),
                 name=f"col2im (stride={s}, pad={p})")



@kata.check(points=2, hidden=True, max_examples=1)
@given(seed=kst.seeds())
def fast_on_a_large_image(sub, ref, seed):
    """conv2d_forward + conv2d_backward on a 128x128 image take at most 0.5 s (or 20x the reference)"""
    depth, line = loop_nesting(submission_source(sub))  # deterministic, whatever the machine's load
    if depth > MAX_LOOP_DEPTH:
        fail(f"line {line} of your file is a loop nested {depth} deep: a loop over output pixels is too slow "
             "for this kata. Build all patches at once (im2col) and use one matrix product in each direction.")
    rng = kst.rng_from(seed)
    x, w, b = rng.standard_normal((1, 1, 128, 128)), rng.standard_normal((2, 1, 3, 3)), rng.standard_normal(2)
    dout = rng.standard_normal((1, 2, 128, 128))
    student, reference = float("inf"), float("inf")
    for _ in range(2):
        _, cache = expect_tuple(sub.conv2d_forward(x, w, b, stride=1, pad=1), ["out", "cache"], call="conv2d_forward")
        forward = last_call_seconds(sub)
        sub.conv2d_backward(dout, cache)
        student = min(student, forward + last_call_seconds(sub))
        start = time.perf_counter()
        _, rcache = ref.conv2d_forward(x, w, b, stride=1, pad=1)
        ref.conv2d_backward(dout, rcache)
        reference = min(reference, time.perf_counter() - start)
    limit = max(TIME_FLOOR, TIME_FACTOR * reference)
    if student > limit:
        fail(f"conv2d_forward + conv2d_backward on x of shape (1, 1, 128, 128), w (2, 1, 3, 3), pad=1 took "
             f"{student:.3f} s; the limit is {limit:.3f} s ({TIME_FACTOR:g}x the reference's {reference:.3f} s, and at least "
             f"{TIME_FLOOR:g} s). "
             "There are 16384 output pixels: a Python loop over them is too slow. Build all patches at once "
             "(im2col) and use one matrix product in each direction.")
