"""Public checks for maxpool: shapes, hand-worked values, the tie rule, gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst

from . import kata


@st.composite
def pool_cases(draw, ties=False):
    """A small input, pooling parameters (rectangular, overlapping or not, with leftover rows) and dout."""
    ph, pw, s = draw(kst.dims(1, 3)), draw(kst.dims(1, 3)), draw(kst.dims(1, 3))
    n, c = draw(kst.dims(1, 2)), draw(kst.dims(1, 2))
    h, w = ph + draw(st.integers(0, 4)), pw + draw(st.integers(0, 4))
    rng = kst.rng_from(draw(kst.seeds()))
    if ties:
        x = rng.integers(-2, 3, size=(n, c, h, w)).astype(np.float64)  # many equal values
    else:
        size = n * c * h * w
        x = (rng.permutation(size).reshape(n, c, h, w) - size / 2) * (2.0 / size)  # distinct values
    h_out, w_out = (h - ph) // s + 1, (w - pw) // s + 1
    dout = rng.uniform(-1, 1, size=(n, c, h_out, w_out))
    return {"x": x, "ph": ph, "pw": pw, "s": s, "dout": dout}


def describe_params(case):
    return (f"x of shape {case['x'].shape}, pool_height={case['ph']}, pool_width={case['pw']}, "
            f"stride={case['s']}")


@kata.check(points=1, max_examples=10)
@given(case=pool_cases())
def forward_output_shape(sub, ref, case):
    """maxpool_forward returns (out, cache) with out of shape (N, C, (H-ph)//stride+1, (W-pw)//stride+1)"""
    x = case["x"]
    out, _ = expect_tuple(sub.maxpool_forward(x, case["ph"], case["pw"], case["s"]), ["out", "cache"],
                          call="maxpool_forward")
    n, c, h, w = x.shape
    shape = (n, c, (h - case["ph"]) // case["s"] + 1, (w - case["pw"]) // case["s"] + 1)
    assert_array(out, name=f"out for {describe_params(case)}", shape=shape)


@kata.check(points=1)
def forward_hand_worked_examples(sub, ref):
    """maxpool_forward gives the hand-worked maxima on two small inputs"""
    x = np.array([[1.0, 2.0, -1.0, 0.0],
                  [3.0, -4.0, 5.0, 6.0],
                  [0.5, 0.25, -2.0, -3.0],
                  [-1.0, 7.0, -0.5, -6.0]])[None, None]
    out, _ = expect_tuple(sub.maxpool_forward(x, 2, 2, 2), ["out", "cache"], call="maxpool_forward")
    assert_close(out, np.array([[3.0, 6.0], [7.0, -0.5]])[None, None],
                 name="out for the 4x4 example with 2x2 windows, stride 2")
    # 3x5 input, 2x3 windows, stride 1: overlapping, rectangular windows
    x = np.array([[0.0, 1.0, 2.0, 3.0, 4.0],
                  [9.0, -1.0, -2.0, -3.0, -4.0],
                  [5.0, 6.0, 7.0, 8.0, -9.0]])[None, None]
    out, _ = sub.maxpool_forward(x, 2, 3, 1)
    assert_close(out, np.array([[9.0, 3.0, 4.0], [9.0, 8.0, 8.0]])[None, None],
                 name="out for the 3x5 example with 2x3 windows (height 2, width 3), stride 1")


@kata.check(points=2, max_examples=10)
@given(case=pool_cases())
def forward_takes_window_maxima(sub, ref, case):
    """every output is the maximum of its own window (rectangular, strided, overlapping)"""
    x, ph, pw, s = case["x"], case["ph"], case["pw"], case["s"]
    out, _ = expect_tuple(sub.maxpool_forward(x, ph, pw, s), ["out", "cache"], call="maxpool_forward")
    n, c, h, w = x.shape
    h_out, w_out = (h - ph) // s + 1, (w - pw) // s + 1
    out = assert_array(out, name="out", shape=(n, c, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, :, i * s:i * s + ph, j * s:j * s + pw]
            want = window.max(axis=(2, 3))
            if not np.array_equal(out[:, :, i, j], want):
                bad = np.argwhere(out[:, :, i, j] != want)[0]
                fail(f"out[{bad[0]}, {bad[1]}, {i}, {j}] is {out[bad[0], bad[1], i, j]:.6g} but the maximum of its "
                     f"window x[{bad[0]}, {bad[1]}, {i * s}:{i * s + ph}, {j * s}:{j * s + pw}] is "
                     f"{want[bad[0], bad[1]]:.6g} ({describe_params(case)}). Window (i, j) starts at row i*stride "
                     "and column j*stride and spans pool_height rows and pool_width columns.")


@kata.check(points=3, max_examples=6)
@given(case=pool_cases())
def backward_matches_numerical_gradient(sub, ref, case):
    """maxpool_backward agrees with the numerical gradient of your maxpool_forward (no ties)"""
    x, ph, pw, s, dout = case["x"], case["ph"], case["pw"], case["s"], case["dout"]
    _, cache = expect_tuple(sub.maxpool_forward(x, ph, pw, s), ["out", "cache"], call="maxpool_forward")
    dx = sub.maxpool_backward(dout, cache)
    check_gradients(lambda x: sub.maxpool_forward(x, ph, pw, s)[0], [x], [dx], dout, names=["dx"])


@kata.check(points=1)
def backward_tie_goes_to_first_maximum(sub, ref):
    """on ties, maxpool_backward sends the gradient to the first maximum in row-major order"""
    x = np.array([[1.0, 2.0, 0.0, 0.0],
                  [2.0, 2.0, 0.0, 0.0]])[None, None]
    _, cache = expect_tuple(sub.maxpool_forward(x, 2, 2, 2), ["out", "cache"], call="maxpool_forward")
    dx = sub.maxpool_backward(np.array([[[[1.0, 10.0]]]]), cache)
    want = np.array([[0.0, 1.0, 10.0, 0.0],
                     [0.0, 0.0, 0.0, 0.0]])[None, None]
    dx = assert_array(dx, name="dx", shape=want.shape)
    if not np.array_equal(dx, want):
        fail("x = [[1, 2, 0, 0], [2, 2, 0, 0]] (shape (1, 1, 2, 4)), 2x2 windows, stride 2, dout = [[1, 10]]: "
             f"expected dx = {want[0, 0].tolist()}, got {dx[0, 0].tolist()}. Each window has several equal maxima; "
             "the whole gradient goes to the first of them in row-major order (what np.argmax returns on the "
             "flattened window), not to all of them or to the last.")
