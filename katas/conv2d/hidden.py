"""Hidden checks of the conv2d kata: forward and backward against the reference."""
from hypothesis import example, given

from graders import assert_close, expect_tuple

from . import kata
from .public import EDGE_CASES, conv_cases, forward, setting


def compare_backward(sub, ref, case):
    x, w, b, dout, stride, pad = (case[k] for k in ("x", "w", "b", "dout", "stride", "pad"))
    _, cache = forward(sub, x, w, b, stride, pad)
    _, ref_cache = ref.conv2d_forward(x, w, b, stride=stride, pad=pad)
    grads = expect_tuple(sub.conv2d_backward(dout, cache), ["dx", "dw", "db"], call="conv2d_backward")
    for name, got, expected in zip(["dx", "dw", "db"], grads, ref.conv2d_backward(dout, ref_cache)):
        assert_close(got, expected, name=f"conv2d_backward {name} for {setting(case)}")


@kata.check(points=2, hidden=True)
@given(case=conv_cases())
def forward_matches_reference(sub, ref, case):
    """conv2d_forward matches the reference for every stride and padding"""
    x, w, b, stride, pad = (case[k] for k in ("x", "w", "b", "stride", "pad"))
    out, _ = forward(sub, x, w, b, stride, pad)
    expected, _ = ref.conv2d_forward(x, w, b, stride=stride, pad=pad)
    assert_close(out, expected, name=f"conv2d_forward out for {setting(case)}")


@kata.check(points=3, hidden=True)
@given(case=conv_cases())
@example(case=EDGE_CASES[0])
@example(case=EDGE_CASES[1])
def backward_matches_reference(sub, ref, case):
    """conv2d_backward returns the reference dx, dw and db"""
    compare_backward(sub, ref, case)


@kata.check(points=2, hidden=True)
@given(case=conv_cases(strides=(2, 3), pads=(0, 1)))
def strided_forward_and_backward_match_reference(sub, ref, case):
    """With stride 2 or 3 (windows that need not tile the image), forward and backward match the reference"""
    x, w, b, stride, pad = (case[k] for k in ("x", "w", "b", "stride", "pad"))
    out, _ = forward(sub, x, w, b, stride, pad)
    expected, _ = ref.conv2d_forward(x, w, b, stride=stride, pad=pad)
    assert_close(out, expected, name=f"conv2d_forward out for {setting(case)}")
    compare_backward(sub, ref, case)
