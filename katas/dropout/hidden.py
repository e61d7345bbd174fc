"""Hidden checks of the dropout kata: forward and backward against the reference."""
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, strategies as kst

from . import kata


@st.composite
def cases(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(7,), (3, 5), (2, 3, 4), (1, 1), (6, 1)]))
    return {"x": rng.standard_normal(shape), "dout": rng.standard_normal(shape),
            "p": draw(st.floats(0.05, 1.0)), "seed": draw(st.integers(0, 2**32 - 1))}


@kata.check(points=2, hidden=True)
@given(case=cases())
def train_forward_matches_reference(sub, ref, case):
    """train-mode forward matches the reference for any shape, p and seed"""
    x, p, seed = case["x"], case["p"], case["seed"]
    out, _ = expect_tuple(sub.dropout_forward(x, p, "train", seed), ["out", "cache"], call="dropout_forward")
    assert_close(out, ref.dropout_forward(x, p, "train", seed)[0], name=f"dropout_forward(x, p={p:.4g}, mode='train', seed={seed}): out")


@kata.check(points=2, hidden=True)
@given(case=cases())
def backward_matches_reference(sub, ref, case):
    """dropout_backward matches the reference in train and test mode"""
    x, dout, p, seed = case["x"], case["dout"], case["p"], case["seed"]
    for mode in ("train", "test"):
        _, cache = expect_tuple(sub.dropout_forward(x, p, mode, seed), ["out", "cache"], call="dropout_forward")
        _, ref_cache = ref.dropout_forward(x, p, mode, seed)
        assert_close(sub.dropout_backward(dout, cache), ref.dropout_backward(dout, ref_cache),
                     name=f"dropout_backward after dropout_forward(x, p={p:.4g}, mode={mode!r}, seed={seed}): dx")


@kata.check(points=1, hidden=True)
@given(case=cases())
def test_forward_matches_reference(sub, ref, case):
    """test-mode forward matches the reference"""
    x, p, seed = case["x"], case["p"], case["seed"]
    out, _ = expect_tuple(sub.dropout_forward(x, p, "test", seed), ["out", "cache"], call="dropout_forward")
    assert_close(out, ref.dropout_forward(x, p, "test", seed)[0], name=f"dropout_forward(x, p={p:.4g}, mode='test'): out")
