"""Public checks of conv2d_fast: the im2col layout, the adjoint, the definition, gradients, the loop rule."""
import ast

import numpy as np
from hypothesis import example, given, strategies as st

from graders import (
    assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst, submission_source,
)

from . import kata

MAX_LOOP_DEPTH = 2


@st.composite
def conv_cases(draw, max_n=2, max_c=3, max_f=3, max_hw=6):
    """x, w, b, stride, pad with at least one output pixel, plus an upstream dout; all from one seed."""
    n, c, f = draw(kst.dims(1, max_n)), draw(kst.dims(1, max_c)), draw(kst.dims(1, max_f))
    hh, ww = draw(kst.dims(1, 3)), draw(kst.dims(1, 3))
    stride, pad = draw(st.integers(1, 3)), draw(st.integers(0, 2))
    h = draw(st.integers(max(1, hh - 2 * pad), max_hw))
    w_ = draw(st.integers(max(1, ww - 2 * pad), max_hw))
    rng = kst.rng_from(draw(kst.seeds()))
    ho, wo = 1 + (h + 2 * pad - hh) // stride, 1 + (w_ + 2 * pad - ww) // stride
    return {
        "x": rng.uniform(-1, 1, (n, c, h, w_)), "w": rng.uniform(-1, 1, (f, c, hh, ww)),
        "b": rng.uniform(-1, 1, (f,)), "stride": stride, "pad": pad,
        "dout": rng.uniform(-1, 1, (n, f, ho, wo)), "out_hw": (ho, wo),
    }


def fixed_case(shape, kernel, stride, pad, seed=3):
    """A case of conv_cases' form with the given (N, C, H, W), (F, HH, WW), stride and pad (for @example)."""
    (n, c, h, w_), (f, hh, ww) = shape, kernel
    rng = np.random.default_rng(seed)
    ho, wo = 1 + (h + 2 * pad - hh) // stride, 1 + (w_ + 2 * pad - ww) // stride
    return {"x": rng.uniform(-1, 1, (n, c, h, w_)), "w": rng.uniform(-1, 1, (f, c, hh, ww)),
            "b": rng.uniform(-1, 1, (f,)), "stride": stride, "pad": pad,
            "dout": rng.uniform(-1, 1, (n, f, ho, wo)), "out_hw": (ho, wo)}


# pad 0 (a [pad:-pad] crop is empty) with a stride that leaves the last row and column unreached.
PAD_ZERO_LEFTOVER = fixed_case((1, 2, 5, 4), (2, 2, 2), stride=2, pad=0)


def _im2col_by_definition(x, HH, WW, stride, pad):
    N, C, H, W = x.shape
    ho, wo = 1 + (H + 2 * pad - HH) // stride, 1 + (W + 2 * pad - WW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    cols = np.zeros((N * ho * wo, C * HH * WW))
    for n in range(N):
        for i in range(ho):
            for j in range(wo):
                for c in range(C):
                    for p in range(HH):
                        for q in range(WW):
                            cols[(n * ho + i) * wo + j, (c * HH + p) * WW + q] = xp[n, c, i * stride + p, j * stride + q]
    return cols


def _conv_by_definition(x, w, b, stride, pad):
    F = w.shape[0]
    n, _, h, w_ = x.shape
    ho, wo = 1 + (h + 2 * pad - w.shape[2]) // stride, 1 + (w_ + 2 * pad - w.shape[3]) // stride
    cols = _im2col_by_definition(x, w.shape[2], w.shape[3], stride, pad)
    out = np.zeros((n * ho * wo, F))
    for r in range(cols.shape[0]):
        for f in range(F):
            out[r, f] = b[f] + sum(cols[r, k] * w[f].ravel()[k] for k in range(cols.shape[1]))
    return out.reshape(n, ho, wo, F).transpose(0, 3, 1, 2)


def _args(case):
    return case["x"], case["w"], case["b"]


@kata.check(points=1)
@given(case=conv_cases(max_hw=5))
def im2col_follows_the_layout(sub, ref, case):
    """im2col puts one receptive field per row, rows ordered (n, i, j) and columns (c, p, q)"""
    x, w, s, p = case["x"], case["w"], case["stride"], case["pad"]
    HH, WW = w.shape[2], w.shape[3]
    got = sub.im2col(x, HH, WW, stride=s, pad=p)
    assert_close(got, _im2col_by_definition(x, HH, WW, s, p),
                 name=f"im2col(x of shape {x.shape}, HH={HH}, WW={WW}, stride={s}, pad={p})")


@kata.check(points=1)
@given(case=conv_cases(), seed=kst.seeds())
@example(case=PAD_ZERO_LEFTOVER, seed=1)
def col2im_is_the_adjoint_of_im2col(sub, ref, case, seed):
    """col2im is the adjoint of im2col: <im2col(x), Y> = <x, col2im(Y)>, overlaps summed"""
    x, w, s, p = case["x"], case["w"], case["stride"], case["pad"]
    HH, WW = w.shape[2], w.shape[3]
    cols = assert_array(sub.im2col(x, HH, WW, stride=s, pad=p), name="im2col output")
    Y = kst.rng_from(seed).uniform(-1, 1, cols.shape)
    back = assert_array(sub.col2im(Y, x.shape, HH, WW, stride=s, pad=p), name="col2im output", shape=x.shape)
    assert_close(float(np.sum(x * back)), float(np.sum(cols * Y)),
                 name=f"<x, col2im(Y)> (must equal <im2col(x), Y>; HH={HH}, WW={WW}, stride={s}, pad={p}: "
                      "every entry of Y goes back to the pixel it was copied from, and overlaps add up)")


@kata.check(points=2)
@given(case=conv_cases(max_hw=5))
def forward_follows_the_definition(sub, ref, case):
    """conv2d_forward computes b[f] + sum w[f, c, p, q] * xpad[n, c, i*stride + p, j*stride + q]"""
    x, w, b = _args(case)
    out, _ = expect_tuple(sub.conv2d_forward(x, w, b, stride=case["stride"], pad=case["pad"]), ["out", "cache"],
                          call="conv2d_forward")
    assert_close(out, _conv_by_definition(x, w, b, case["stride"], case["pad"]),
                 name=f"out (stride={case['stride']}, pad={case['pad']}; cross-correlation, the kernel is not flipped)")


@kata.check(points=3, max_examples=6)
@given(case=conv_cases(max_n=2, max_c=2, max_f=2, max_hw=5))
@example(case=PAD_ZERO_LEFTOVER)
def backward_matches_numerical_gradient(sub, ref, case):
    """conv2d_backward agrees with the numerical gradient of your conv2d_forward"""
    x, w, b = _args(case)
    s, p = case["stride"], case["pad"]
    _, cache = expect_tuple(sub.conv2d_forward(x, w, b, stride=s, pad=p), ["out", "cache"], call="conv2d_forward")
    grads = expect_tuple(sub.conv2d_backward(case["dout"], cache), ["dx", "dw", "db"], call="conv2d_backward")
    check_gradients(lambda x, w, b: sub.conv2d_forward(x, w, b, stride=s, pad=p)[0], [x, w, b], grads, case["dout"],
                    names=["dx", "dw", "db"])


def loop_nesting(source):
    """(depth, line) of the most deeply nested loop: for / while statements and comprehension clauses."""
    worst = [0, 0]

    def visit(node, depth):
        here = depth
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            here = depth + 1
            if here > worst[0]:
                worst[:] = [here, node.lineno]
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            here = depth + len(node.generators)
            if here > worst[0]:
                worst[:] = [here, node.lineno]
        for child in ast.iter_child_nodes(node):
            visit(child, here)

    visit(ast.parse(source), 0)
    return tuple(worst)


@kata.check(points=1, max_examples=1)
@given(case=conv_cases(max_hw=4))
def no_loops_nested_three_deep(sub, ref, case):
    """Your file has no loop nested inside two others (a loop over kernel offsets p, q is fine)"""
    x, w, b = _args(case)
    sub.conv2d_forward(x, w, b, stride=case["stride"], pad=case["pad"])  # the file must be started first
    depth, line = loop_nesting(submission_source(sub))
    if depth > MAX_LOOP_DEPTH:
        fail(f"line {line} of your file is a loop nested {depth} deep (for / while / comprehension clauses count). "
             f"At most {MAX_LOOP_DEPTH} levels are allowed: enough for `for p in range(HH): for q in range(WW):`, "
             "not for a loop over output pixels. Build the patches with slicing (or "
             "np.lib.stride_tricks.sliding_window_view) and do the convolution as one matrix product.")
