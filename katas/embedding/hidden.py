"""Hidden checks for embedding: agreement with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple

from . import kata
from .public import describe_case, embedding_cases


@kata.check(points=1, hidden=True, max_examples=12)
@given(case=embedding_cases(max_vocab=6))
def forward_matches_reference(sub, ref, case):
    """embedding_forward matches the reference"""
    out, _ = expect_tuple(sub.embedding_forward(case["idx"], case["W"]), ["out", "cache"], call="embedding_forward")
    expected, _ = ref.embedding_forward(case["idx"], case["W"])
    assert_close(out, expected, name=f"out for {describe_case(case)}")


@kata.check(points=2, hidden=True, max_examples=12)
@given(case=embedding_cases(max_vocab=6))
def backward_matches_reference(sub, ref, case):
    """embedding_backward matches the reference with repeated and unused indices"""
    idx, W, dout = case["idx"], case["W"], case["dout"]
    _, cache = expect_tuple(sub.embedding_forward(idx, W), ["out", "cache"], call="embedding_forward")
    dW = sub.embedding_backward(dout, cache)
    _, ref_cache = ref.embedding_forward(idx, W)
    assert_close(dW, ref.embedding_backward(dout, ref_cache), name=f"dW for {describe_case(case)}")


@kata.check(points=1, hidden=True, max_examples=12)
@given(case=embedding_cases(max_vocab=6), v=st.integers(0, 5))
def backward_single_repeated_index_matches_reference(sub, ref, case, v):
    """embedding_backward sums every gradient into one row when all indices are the same"""
    W, dout = case["W"], case["dout"]
    v = v % W.shape[0]
    idx = np.full(case["idx"].shape, v, dtype=case["idx"].dtype)
    _, cache = expect_tuple(sub.embedding_forward(idx, W), ["out", "cache"], call="embedding_forward")
    dW = sub.embedding_backward(dout, cache)
    _, ref_cache = ref.embedding_forward(idx, W)
    assert_close(dW, ref.embedding_backward(dout, ref_cache),
                 name=f"dW when every index is {v} (idx of shape {idx.shape}, W of shape {W.shape})")
