"""Hidden checks of the backprop kata: every function against the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, strategies as kst

from . import kata
from .public import SEEDS, grads_dict, ints, loss_of, mlp_cases, relu_cases, softmax_cases, uniform


@st.composite
def non_square_affine_cases(draw):
    """Affine inputs with N, D, M pairwise different, so a transposed gradient has the wrong shape."""
    m = draw(ints(1, 3))
    d = m + draw(ints(1, 2))
    n = d + draw(ints(1, 2))
    if draw(st.booleans()):
        n, m = m, n  # also M > D
    rng = kst.rng_from(draw(SEEDS))
    return {"x": uniform(rng, (n, d)), "w": uniform(rng, (d, m)), "b": uniform(rng, (m,)), "dout": uniform(rng, (n, m))}


@kata.check(points=2, hidden=True)
@given(case=non_square_affine_cases())
def affine_matches_reference(sub, ref, case):
    """affine_forward and affine_backward match the reference"""
    x, w, b, dout = case["x"], case["w"], case["b"], case["dout"]
    out, cache = expect_tuple(sub.affine_forward(x, w, b), ["out", "cache"], call="affine_forward")
    ref_out, ref_cache = ref.affine_forward(x, w, b)
    assert_close(out, ref_out, name="affine_forward out")
    grads = expect_tuple(sub.affine_backward(dout, cache), ["dx", "dw", "db"], call="affine_backward")
    for name, got, expected in zip(["dx", "dw", "db"], grads, ref.affine_backward(dout, ref_cache)):
        assert_close(got, expected, name=f"affine_backward {name}")


@kata.check(points=1, hidden=True)
@given(case=relu_cases())
def relu_matches_reference(sub, ref, case):
    """relu_forward and relu_backward match the reference"""
    x, dout = case["x"], case["dout"]
    out, cache = expect_tuple(sub.relu_forward(x), ["out", "cache"], call="relu_forward")
    ref_out, ref_cache = ref.relu_forward(x)
    assert_close(out, ref_out, name="relu_forward out")
    assert_close(sub.relu_backward(dout, cache), ref.relu_backward(dout, ref_cache), name="relu_backward dx")


@kata.check(points=2, hidden=True)
@given(case=softmax_cases(max_n=5, max_c=5))
def softmax_loss_matches_reference(sub, ref, case):
    """softmax_loss returns the mean cross-entropy and its gradient"""
    scores, y = case["scores"], case["y"]
    loss, dscores = loss_of(sub.softmax_loss(scores, y), "softmax_loss")
    ref_loss, ref_dscores = ref.softmax_loss(scores, y)
    assert_close(loss, ref_loss, name="softmax_loss loss (the mean over the N rows)")
    assert_close(dscores, ref_dscores, name="softmax_loss dscores")


@kata.check(points=2, hidden=True)
@given(case=softmax_cases(max_n=5, max_c=5), scale=st.sampled_from([100.0, 1000.0]),
       shift=st.sampled_from([0.0, 1000.0, -1000.0]))
def softmax_loss_matches_reference_for_large_logits(sub, ref, case, scale, shift):
    """softmax_loss is exact for logits of size 1000 (no overflow)"""
    scores = case["scores"] * (scale / 3.0) + shift
    y = case["y"]
    loss, dscores = loss_of(sub.softmax_loss(scores, y), f"softmax_loss (logits up to {np.abs(scores).max():.0f})")
    ref_loss, ref_dscores = ref.softmax_loss(scores, y)
    assert_close(loss, ref_loss, name=f"softmax_loss loss for logits up to {np.abs(scores).max():.0f}")
    assert_close(dscores, ref_dscores, name=f"softmax_loss dscores for logits up to {np.abs(scores).max():.0f}")


@kata.check(points=3, hidden=True)
@given(case=mlp_cases(max_width=4))
def mlp_loss_matches_reference(sub, ref, case):
    """mlp_loss returns the reference loss and gradients for 1 to 3 layers"""
    X, y, params = case["X"], case["y"], case["params"]
    layers = len(params) // 2
    loss, grads = loss_of(sub.mlp_loss(X, y, params), "mlp_loss")
    ref_loss, ref_grads = ref.mlp_loss(X, y, params)
    assert_close(loss, ref_loss, name=f"mlp_loss loss ({layers} layer(s))")
    grads = grads_dict(grads, params)
    for key in sorted(params):
        assert_close(grads[key], ref_grads[key], name=f"mlp_loss grads[{key!r}] ({layers} layer(s))")


@kata.check(points=1, hidden=True, max_examples=3)
@given(case=mlp_cases(max_layers=1), depth=st.integers(10, 12))
def deep_mlp_loss_matches_reference(sub, ref, case, depth):
    """mlp_loss returns the reference loss and gradients for 10 to 12 layers (keys W10, W11, W12 after W9)"""
    X, y = case["X"], case["y"]
    rng = np.random.default_rng(depth)
    d, c = X.shape[1], case["params"]["W1"].shape[1]
    sizes = [d] + [3] * (depth - 1) + [c]
    params = {}
    for layer in range(1, depth + 1):
        params[f"W{layer}"] = np.eye(sizes[layer - 1], sizes[layer]) + 0.5 * rng.standard_normal(
            (sizes[layer - 1], sizes[layer]))
        params[f"b{layer}"] = rng.uniform(-0.3, 0.3, sizes[layer])
    loss, grads = loss_of(sub.mlp_loss(X, y, params), "mlp_loss")
    ref_loss, ref_grads = ref.mlp_loss(X, y, params)
    assert_close(loss, ref_loss, name=f"mlp_loss loss ({depth} layers)")
    grads = grads_dict(grads, params)
    for key in sorted(params):
        assert_close(grads[key], ref_grads[key], name=f"mlp_loss grads[{key!r}] ({depth} layers)")
