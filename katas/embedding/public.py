"""Public checks for embedding: shapes, hand-worked values, repeated indices, gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst

from . import kata


@st.composite
def embedding_cases(draw, max_vocab=4):
    """idx (N, T), T = 1 included, with an index repeated when it has two tokens or more; W (V, D); dout (N, T, D)."""
    v, d = draw(kst.dims(1, max_vocab)), draw(kst.dims(1, 3))
    n, t = draw(kst.dims(1, 3)), draw(kst.dims(1, 4))
    rng = kst.rng_from(draw(kst.seeds()))
    idx = rng.integers(0, v, size=(n, t))
    idx.flat[rng.integers(0, idx.size)] = idx.flat[0]  # at least one repeat whatever the draw
    dtype = draw(st.sampled_from([np.int64, np.int32, np.uint8]))
    return {
        "idx": idx.astype(dtype),
        "W": rng.uniform(-1, 1, size=(v, d)),
        "dout": rng.uniform(-1, 1, size=(n, t, d)),
    }


def describe_case(case):
    return f"idx = {case['idx'].tolist()} ({case['idx'].dtype}), W of shape {case['W'].shape}"


@kata.check(points=1, max_examples=10)
@given(case=embedding_cases())
def forward_output_shape(sub, ref, case):
    """embedding_forward returns (out, cache) with out of shape (N, T, D), float64"""
    idx, W = case["idx"], case["W"]
    out, _ = expect_tuple(sub.embedding_forward(idx, W), ["out", "cache"], call="embedding_forward")
    assert_array(out, name=f"out for {describe_case(case)}", shape=idx.shape + (W.shape[1],))


@kata.check(points=1)
def forward_hand_worked_example(sub, ref):
    """embedding_forward looks up the rows of W on a hand-worked example"""
    W = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    idx = np.array([[0, 2, 2], [1, 0, 1]])
    out, _ = expect_tuple(sub.embedding_forward(idx, W), ["out", "cache"], call="embedding_forward")
    want = np.array([[[1.0, 2.0], [5.0, 6.0], [5.0, 6.0]],
                     [[3.0, 4.0], [1.0, 2.0], [3.0, 4.0]]])
    assert_close(out, want, name="out for W = [[1, 2], [3, 4], [5, 6]], idx = [[0, 2, 2], [1, 0, 1]]")


@kata.check(points=1)
def backward_hand_worked_example(sub, ref):
    """embedding_backward adds up the gradients of repeated indices and leaves unused rows at zero"""
    W = np.zeros((4, 2))
    idx = np.array([[1, 1, 2], [1, 0, 2]])
    _, cache = expect_tuple(sub.embedding_forward(idx, W), ["out", "cache"], call="embedding_forward")
    dout = np.array([[[1.0, 0.0], [2.0, 0.0], [0.0, 1.0]],
                     [[4.0, 0.0], [0.0, 5.0], [0.0, 2.0]]])
    dW = sub.embedding_backward(dout, cache)
    want = np.array([[0.0, 5.0], [7.0, 0.0], [0.0, 3.0], [0.0, 0.0]])
    dW = assert_array(dW, name="dW", shape=want.shape)
    if not np.allclose(dW, want, rtol=1e-12, atol=0):
        fail(f"idx = {idx.tolist()} with W of shape (4, 2) and dout = {dout.tolist()}: expected dW = "
             f"{want.tolist()}, got {dW.tolist()}. Row 1 is looked up three times, so dW[1] is the sum of "
             "three rows of dout; row 3 is never looked up, so dW[3] is zero (dW has the shape of W). Note that dW[idx] += dout "
             "does not add up repeated indices (NumPy applies each repeated index once); np.add.at does.")


@kata.check(points=2, max_examples=6)
@given(case=embedding_cases())
def backward_matches_numerical_gradient(sub, ref, case):
    """embedding_backward agrees with the numerical gradient of your embedding_forward (repeated indices)"""
    idx, W, dout = case["idx"], case["W"], case["dout"]
    _, cache = expect_tuple(sub.embedding_forward(idx, W), ["out", "cache"], call="embedding_forward")
    dW = sub.embedding_backward(dout, cache)
    check_gradients(lambda W: sub.embedding_forward(idx, W)[0], [W], [dW], dout, names=["dW"])
