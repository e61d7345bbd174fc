"""Public checks of the conv2d kata: output shapes, values worked out by hand, a one-hot
kernel that must copy a shifted input, and gradients against central differences of your
own forward pass."""
import functools

import numpy as np
from hypothesis import example, given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, strategies as kst

from . import kata


def out_size(size, kernel, stride, pad):
    return 1 + (size + 2 * pad - kernel) // stride


ints = functools.lru_cache(maxsize=None)(st.integers)  # strategies built once: cheap generation
STRIDES = {s: st.sampled_from(s) for s in [(1, 2), (2, 3)]}
PADS = {p: st.sampled_from(p) for p in [(0, 1, 2), (0, 1)]}
SEEDS = kst.seeds()


@st.composite
def conv_cases(draw, max_hw=6, strides=(1, 2), pads=(0, 1, 2)):
    """x, w, b, dout, stride, pad of a small convolution (hidden.py reuses it)."""
    n, c, f = draw(ints(1, 2)), draw(ints(1, 2)), draw(ints(1, 2))
    hh, ww = draw(ints(1, 3)), draw(ints(1, 3))
    stride, pad = draw(STRIDES[strides]), draw(PADS[pads])
    h = draw(ints(max(1, hh - 2 * pad), max_hw))
    width = draw(ints(max(1, ww - 2 * pad), max_hw))
    out_shape = (n, f, out_size(h, hh, stride, pad), out_size(width, ww, stride, pad))
    rng = kst.rng_from(draw(SEEDS))
    return {
        "x": rng.uniform(-1.0, 1.0, size=(n, c, h, width)),
        "w": rng.uniform(-1.0, 1.0, size=(f, c, hh, ww)),
        "b": rng.uniform(-1.0, 1.0, size=(f,)),
        "dout": rng.uniform(-1.0, 1.0, size=out_shape),
        "stride": stride,
        "pad": pad,
    }


def fixed_case(shape, kernel, stride, pad, seed=7):
    """A case of conv_cases' form with the given (N, C, H, W), (F, HH, WW), stride and pad (for @example)."""
    (n, c, h, width), (f, hh, ww) = shape, kernel
    rng = np.random.default_rng(seed)
    out_shape = (n, f, out_size(h, hh, stride, pad), out_size(width, ww, stride, pad))
    return {"x": rng.uniform(-1.0, 1.0, size=(n, c, h, width)), "w": rng.uniform(-1.0, 1.0, size=(f, c, hh, ww)),
            "b": rng.uniform(-1.0, 1.0, size=(f,)), "dout": rng.uniform(-1.0, 1.0, size=out_shape),
            "stride": stride, "pad": pad}


# Edge cases every gradient check draws: pad 0 with a stride that leaves the last row and column unreached
# (they get dx = 0), and a kernel as large as the padded image (one output pixel).
EDGE_CASES = [fixed_case((1, 2, 5, 4), (2, 2, 2), stride=2, pad=0), fixed_case((1, 1, 3, 3), (1, 3, 3), stride=1, pad=0)]


def forward(sub, x, w, b, stride, pad):
    """The student's (out, cache), after checking a pair came back."""
    return expect_tuple(sub.conv2d_forward(x, w, b, stride=stride, pad=pad), ["out", "cache"], call="conv2d_forward")


def setting(case):
    x, w = case["x"], case["w"]
    return f"x {x.shape}, w {w.shape}, stride={case['stride']}, pad={case['pad']}"


@kata.check(points=1)
@given(case=conv_cases())
def output_has_documented_shape(sub, ref, case):
    """conv2d_forward's out has shape (N, F, H', W') with H' = 1 + (H + 2*pad - HH) // stride"""
    out, _ = forward(sub, case["x"], case["w"], case["b"], case["stride"], case["pad"])
    assert_array(out, name=f"conv2d_forward out for {setting(case)}", shape=case["dout"].shape)


@kata.check(points=2)
@given(case=conv_cases(), seed=SEEDS)
def one_hot_kernel_copies_shifted_input(sub, ref, case, seed):
    """A kernel with a single 1 at (p, q) copies the zero-padded input shifted by (p, q), plus the bias"""
    x, b, stride, pad = case["x"], case["b"], case["stride"], case["pad"]
    f, c, hh, ww = case["w"].shape
    n, _, h_out, w_out = case["dout"].shape
    rng = kst.rng_from(seed)
    w = np.zeros((f, c, hh, ww))
    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    expected = np.empty((n, f, h_out, w_out))
    where = []
    for k in range(f):
        ch, p, q = rng.integers(c), rng.integers(hh), rng.integers(ww)
        w[k, ch, p, q] = 1.0
        rows = p + stride * np.arange(h_out)
        cols = q + stride * np.arange(w_out)
        expected[:, k] = xpad[:, ch][:, rows][:, :, cols] + b[k]
        where.append(f"filter {k}: channel {ch}, position ({p}, {q})")
    out, _ = forward(sub, x, w, b, stride, pad)
    assert_close(
        out, expected,
        name=f"conv2d_forward out for a one-hot kernel ({'; '.join(where)}) with {setting(case)}. "
             "out[n, f, i, j] should be b[f] + xpad[n, ch, i*stride + p, j*stride + q] (no kernel flip, "
             "pad zeros on every side); out",
    )


X3 = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)   # [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
K2 = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])     # [[1, 2], [3, 4]]
B1 = np.array([-1.0])


@kata.check(points=1)
def forward_by_hand(sub, ref):
    """conv2d_forward gives the hand-computed outputs on a 3x3 image and a 2x2 kernel"""
    out, _ = forward(sub, X3, K2, B1, 1, 0)
    assert_close(out, np.array([[[[36.0, 46.0], [66.0, 76.0]]]]),
                 name="out for x=[[1,2,3],[4,5,6],[7,8,9]], w=[[1,2],[3,4]], b=-1, stride=1, pad=0 "
                      "(out[0,0] = 1*1 + 2*2 + 3*4 + 4*5 - 1)")
    out, _ = forward(sub, X3, K2, B1, 2, 1)
    assert_close(out, np.array([[[[3.0, 17.0], [35.0, 76.0]]]]),
                 name="out for the same x, w, b with stride=2, pad=1 "
                      "(out[0,0] = 4*1 - 1: only the bottom-right kernel entry meets the image)")


@kata.check(points=1)
def backward_by_hand(sub, ref):
    """conv2d_backward gives the hand-computed dx, dw, db on a 3x3 image and a 2x2 kernel"""
    _, cache = forward(sub, X3, K2, B1, 1, 0)
    dx, dw, db = expect_tuple(sub.conv2d_backward(np.ones((1, 1, 2, 2)), cache), ["dx", "dw", "db"],
                              call="conv2d_backward")
    setup = "x=[[1,2,3],[4,5,6],[7,8,9]], w=[[1,2],[3,4]], stride=1, pad=0, dout all ones"
    assert_close(db, np.array([4.0]), name=f"db for {setup} (db sums dout over N, H', W')")
    assert_close(dw, np.array([[[[12.0, 16.0], [24.0, 28.0]]]]),
                 name=f"dw for {setup} (dw[p, q] sums the inputs under kernel entry (p, q))")
    assert_close(dx, np.array([[[[1.0, 3.0, 2.0], [4.0, 10.0, 6.0], [3.0, 7.0, 4.0]]]]),
                 name=f"dx for {setup} (dx[a, b] sums the kernel entries that touch pixel (a, b))")


@kata.check(points=3, max_examples=6)
@given(case=conv_cases(max_hw=5))
@example(case=EDGE_CASES[0])
@example(case=EDGE_CASES[1])
def backward_matches_numerical_gradient(sub, ref, case):
    """conv2d_backward agrees with the numerical gradient of your conv2d_forward"""
    x, w, b, dout, stride, pad = (case[k] for k in ("x", "w", "b", "dout", "stride", "pad"))
    _, cache = forward(sub, x, w, b, stride, pad)
    grads = expect_tuple(sub.conv2d_backward(dout, cache), ["dx", "dw", "db"], call="conv2d_backward")
    check_gradients(
        lambda x, w, b: sub.conv2d_forward(x, w, b, stride=stride, pad=pad)[0],
        [x, w, b], grads, dout, names=["dx", "dw", "db"],
    )
