"""Hidden checks of conv2d_fast: comparisons with the reference, Python work that does not grow with the image."""
from hypothesis import example, given

from graders import assert_close, assert_vectorised, expect_tuple, strategies as kst

from . import kata
from .public import PAD_ZERO_LEFTOVER, _args, conv_cases


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
@example(case=PAD_ZERO_LEFTOVER)
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
@example(case=PAD_ZERO_LEFTOVER, seed=1)
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
def python_work_does_not_grow_with_the_image(sub, ref, seed):
    """conv2d_forward + conv2d_backward run as many lines of Python on a 32x32 image as on an 8x8 one"""
    rng = kst.rng_from(seed)
    w, b = rng.standard_normal((2, 1, 3, 3)), rng.standard_normal(2)

    def forward_and_backward(size):
        x, dout = rng.standard_normal((1, 1, size, size)), rng.standard_normal((1, 2, size, size))
        _, cache = expect_tuple(sub.conv2d_forward(x, w, b, stride=1, pad=1), ["out", "cache"], call="conv2d_forward")
        sub.conv2d_backward(dout, cache)

    assert_vectorised(sub, forward_and_backward, (8, 32), what="an image of {n}x{n}",
                      advice="Build all patches at once (im2col) and use one matrix product in each direction; "
                             "only a loop over the kernel offsets p, q (HH*WW iterations) is fine.")
