"""Public checks of the lora kata: the starting adapter, rank and scale by construction, merging, gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import (assert_array, assert_close, check_gradients, diagnosis, expect_tuple, fail, strategies as kst,
                     within)

from . import kata

ALPHAS = st.sampled_from((1.0, 8.0, 16.0, 0.5))


@st.composite
def lora_cases(draw, max_lead=2, max_width=5, max_rank=3, zero_b=False):
    """x (..., d_in) with 0..max_lead leading axes, frozen W, b, an adapter A, B of rank r, alpha, dout."""
    lead = tuple(draw(kst.dims(1, 3)) for _ in range(draw(st.integers(0, max_lead))))
    d_in, d_out = draw(kst.dims(1, max_width)), draw(kst.dims(1, max_width))
    r = draw(st.integers(1, min(max_rank, d_in, d_out)))
    rng = kst.rng_from(draw(kst.seeds()))
    B = np.zeros((r, d_out)) if zero_b else rng.uniform(-1, 1, (r, d_out))
    return {"x": rng.uniform(-1.5, 1.5, lead + (d_in,)), "W": rng.uniform(-1, 1, (d_in, d_out)),
            "b": rng.uniform(-1, 1, d_out), "A": rng.uniform(-1, 1, (d_in, r)), "B": B,
            "alpha": draw(ALPHAS), "dout": rng.uniform(-1, 1, lead + (d_out,))}


def describe(case):
    return (f"x {case['x'].shape}, W {case['W'].shape}, A {case['A'].shape}, B {case['B'].shape} "
            f"(rank r = {case['A'].shape[1]}), alpha {case['alpha']:g}")



def forward(sub, case, **changes):
    case = {**case, **changes}
    out, cache = expect_tuple(sub.lora_forward(case["x"], case["W"], case["b"], case["A"], case["B"], case["alpha"]),
                              ["out", "cache"], call="lora_forward")
    return assert_array(out, name="lora_forward: out", shape=case["x"].shape[:-1] + case["W"].shape[1:]), cache


def backward(sub, dout, cache, case):
    grads = expect_tuple(sub.lora_backward(dout, cache), ["dx", "dA", "dB"], call="lora_backward")
    for grad, name in zip(grads, ("x", "A", "B")):
        assert_array(grad, name=f"lora_backward: d{name} (the shape of {name})", shape=case[name].shape)
    return grads


@kata.check(points=1)
@given(d_in=kst.dims(1, 6), d_out=kst.dims(1, 6), rank=kst.dims(1, 4), seed=kst.seeds())
def init_draws_A_and_zeros_B(sub, ref, d_in, d_out, rank, seed):
    """lora_init draws A (d_in, r) from N(0, 1/d_in) with the given seed, in one call, and returns B = 0"""
    r = min(rank, d_in, d_out)
    A, B = expect_tuple(sub.lora_init(d_in, d_out, r, seed), ["A", "B"], call="lora_init")
    context = f"lora_init({d_in}, {d_out}, {r}, seed={seed})"
    within(f"{context}: B starts at zero, so that the adapted layer starts as the frozen one.",
           assert_close, B, np.zeros((r, d_out)), name="B")
    draw = lambda size: np.random.default_rng(seed).normal(0.0, 1.0 / np.sqrt(d_in), size=size)
    within(f"{context}: A = np.random.default_rng(seed).normal(0.0, 1 / sqrt(d_in), size=(d_in, r)), drawn in one "
           "call and in that shape.", assert_close, A, draw((d_in, r)), name="A", mistakes={
               "A was drawn as (r, d_in) and transposed (the paper's layout): draw it as (d_in, r)":
                   lambda: draw((r, d_in)).T,
               "the standard deviation is 1/sqrt(r): it is 1/sqrt(d_in)":
                   lambda: np.random.default_rng(seed).normal(0.0, 1.0 / np.sqrt(r), size=(d_in, r)),
               "the standard deviation is 1: it is 1/sqrt(d_in)":
                   lambda: np.random.default_rng(seed).normal(0.0, 1.0, size=(d_in, r))})


@kata.check(points=1)
@given(case=lora_cases(zero_b=True))
def a_zero_B_leaves_the_frozen_layer(sub, ref, case):
    """With B = 0 (the start of training), the output is the frozen layer's x @ W + b"""
    out, _ = forward(sub, case)
    within(f"lora_forward on {describe(case)} and B = 0: the update (alpha / r) (x @ A) @ B is zero, so "
           "out = x @ W + b.", assert_close, out, case["x"] @ case["W"] + case["b"], name="out",
           mistakes={"the bias b is left out": lambda: case["x"] @ case["W"]})


@kata.check(points=1)
def values_by_hand(sub, ref):
    """lora_forward on a case worked out by hand: r = 2, alpha = 4, so the update is scaled by 2"""
    x, W, b = np.array([[1.0, 2.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.5, -0.5])
    A, B = np.array([[1.0, 0.0], [1.0, 1.0]]), np.array([[1.0, 0.0], [0.0, -1.0]])
    out, _ = forward(sub, {"x": x, "W": W, "b": b, "A": A, "B": B, "alpha": 4.0})
    within("x = [[1, 2]], W = I, b = [0.5, -0.5], A = [[1, 0], [1, 1]], B = [[1, 0], [0, -1]], alpha = 4: "
           "x @ W + b = [1.5, 1.5], x @ A = [3, 2], (x @ A) @ B = [3, -2], alpha / r = 2, so out = [7.5, -2.5].",
           assert_close, out, np.array([[7.5, -2.5]]), name="out", mistakes={
               "the update is scaled by alpha, not alpha / r": np.array([[13.5, -6.5]]),
               "the update is scaled by r / alpha, not alpha / r": np.array([[3.0, 0.5]]),
               "the update is not scaled: multiply it by alpha / r": np.array([[4.5, -0.5]])})


@kata.check(points=2)
@given(case=lora_cases(max_rank=1), seed=kst.seeds())
def rank_and_scale_trade_off(sub, ref, case, seed):
    """Two copies of a rank-1 adapter side by side (rank 2) with alpha 2a give the rank-1 adapter's output with alpha a"""
    A, B = case["A"], case["B"]
    twice_A, twice_B = np.hstack([A, A]), np.vstack([B, B]) / 2   # (A A) @ (B; B)/2 = A @ B
    out, _ = forward(sub, case)
    doubled, _ = forward(sub, case, A=twice_A, B=twice_B, alpha=2 * case["alpha"])
    within(f"lora_forward on {describe(case)}, then with A replaced by [A, A] (d_in, 2), B by [B; B] / 2 (2, d_out) "
           "and alpha by 2 alpha: A @ B is the same and alpha / r is the same, so the outputs must be equal. "
           "The update is scaled by alpha / r, with r = A.shape[1].", assert_close, doubled, out, name="out")


@kata.check(points=1)
@given(case=lora_cases())
def merged_weights_compute_the_same(sub, ref, case):
    """x @ lora_merge(W, A, B, alpha) + b equals the LoRA layer x @ W + (alpha / r) x @ A @ B + b"""
    merged = assert_array(sub.lora_merge(case["W"], case["A"], case["B"], case["alpha"]),
                          name="lora_merge: W_merged", shape=case["W"].shape)
    # the statement's layer written out, not the learner's lora_forward: a wrong forward must fail its own check,
    # not a lora_merge that is right
    x, r = case["x"], case["A"].shape[1]
    layer = x @ case["W"] + case["alpha"] / r * (x @ case["A"] @ case["B"]) + case["b"]
    within(f"On {describe(case)}: the merged layer x @ W_merged + b must compute the LoRA layer x @ W + (alpha / r) "
           "x @ A @ B + b (the same scale alpha / r).", assert_close, x @ merged + case["b"], layer,
           name="x @ W_merged + b", mistakes={
               "lora_merge adds A @ B without the scale alpha / r":
                   lambda: x @ (case["W"] + case["A"] @ case["B"]) + case["b"]})


@kata.check(points=3, max_examples=8)
@diagnosis(r"dA \(the shape of A\): expected an array", "dA sums over every leading axis of x: flatten x and "
           "dout @ B.T to two dimensions (reshape(-1, d_in), reshape(-1, r)) before multiplying by the transpose.")
@diagnosis(r"lora_backward should return a tuple of 3 items", "W and b are frozen: lora_backward returns the "
           "gradients of the input and the adapter only, (dx, dA, dB), and no dW or db.")
@diagnosis(r"(?m)^dx does not match", "dx has two paths: the frozen one, dout @ W.T, and the adapter's, "
           "(alpha / r) (dout @ B.T) @ A.T.")
@diagnosis(r"(?m)^d[AB] does not match", "dA and dB carry the scale alpha / r of the forward: dB = (alpha / r) (x @ A)^T "
           "@ dout, dA = (alpha / r) x^T @ (dout @ B^T).")
@given(case=lora_cases(max_width=4))
def backward_matches_numerical_gradient_of_your_forward(sub, ref, case):
    """lora_backward's dx, dA, dB agree with the numerical gradient of your lora_forward (W and b are frozen)"""
    _, cache = forward(sub, case)
    grads = backward(sub, case["dout"], cache, case)
    within(f"On {describe(case)}:", check_gradients, lambda x, A, B: forward(sub, case, x=x, A=A, B=B)[0],
           [case["x"], case["A"], case["B"]], grads, case["dout"], names=["dx", "dA", "dB"], max_elementwise=12)


@kata.check(points=1)
@given(case=lora_cases(zero_b=True))
def at_the_start_only_B_learns(sub, ref, case):
    """With B = 0, dA is exactly 0 (A's gradient passes through B) and dx is dout @ W.T"""
    _, cache = forward(sub, case)
    dx, dA, _ = backward(sub, case["dout"], cache, case)
    context = f"lora_backward on {describe(case)}, B = 0 and a random dout"
    if np.any(dA != 0):
        fail(f"{context}: dA must be exactly 0, since A only reaches the output through B = 0; yours has "
             f"max |dA| = {np.abs(dA).max():.6g}. dA = x^T (dout @ B^T) * alpha / r, summed over the leading axes.")
    within(f"{context}: dx = dout @ W.T + (alpha / r) (dout @ B.T) @ A.T, and the second term is 0.",
           assert_close, dx, case["dout"] @ case["W"].T, name="dx")
