"""Hidden checks of the attention kata: comparisons with the reference."""
import numpy as np
from hypothesis import given

from graders import expect_tuple

from . import kata
from .public import (attention_cases, close, describe_case, describe_mhsa, forward, keys_compete, mhsa_args, mhsa_cases,
                     not_finite)


def compare_forward(sub, ref, case, what):
    out, _ = forward(sub, case["q"], case["k"], case["v"], case["mask"])
    expected, _ = ref.attention_forward(case["q"], case["k"], case["v"], case["mask"])
    close(out, expected, name="out", context=f"attention_forward on {describe_case(case)}: {what}")


@kata.check(points=2, hidden=True)
@given(case=attention_cases(kinds=("none",), min_d=2))
def forward_matches_reference_without_mask(sub, ref, case):
    """attention_forward computes softmax(q k^T / sqrt(d)) v over the keys, with none, one or two batch axes"""
    compare_forward(sub, ref, case, "out = softmax(q @ k^T / sqrt(d), over the keys) @ v.")


@kata.check(points=2, hidden=True)
@given(case=attention_cases(kinds=("causal", "shared", "full", "padding"), min_d=2))
def forward_matches_reference_with_masks(sub, ref, case):
    """attention_forward excludes masked keys before the softmax, for causal, broadcast and padding masks"""
    compare_forward(sub, ref, case, "the mask (True = may attend, broadcast against (..., Tq, Tk)) removes keys "
                                    "from the softmax before it is normalised.")


@kata.check(points=3, hidden=True, large_enough=keys_compete)
@given(case=attention_cases(min_d=2))
def backward_matches_reference(sub, ref, case):
    """attention_backward returns the exact dq, dk and dv, with and without masks"""
    q, k, v, mask, dout = case["q"], case["k"], case["v"], case["mask"], case["dout"]
    _, cache = forward(sub, q, k, v, mask)
    grads = expect_tuple(sub.attention_backward(dout, cache), ["dq", "dk", "dv"], call="attention_backward")
    _, ref_cache = ref.attention_forward(q, k, v, mask)
    expected = ref.attention_backward(dout, ref_cache)
    for got, want, name in zip(grads, expected, ["dq", "dk", "dv"]):
        close(got, want, name=name, context=f"attention_backward on {describe_case(case)} and a random dout.")


@kata.check(points=1, hidden=True)
@given(case=attention_cases(kinds=("none", "shared", "padding"), min_d=2))
def forward_is_stable_for_large_scores(sub, ref, case):
    """attention_forward stays finite and exact when scores are in the thousands"""
    q, k, v, mask = np.abs(case["q"]) + 0.2, case["k"], case["v"], case["mask"]
    d = q.shape[-1]
    k = k + 1500.0 * np.sqrt(d) / q.sum(axis=-1).min()  # every score grows by at least 1500
    out, _ = forward(sub, q, k, v, mask)
    expected, _ = ref.attention_forward(q, k, v, mask)
    context = f"attention_forward on {describe_case(case)}, with keys shifted so that every score is >= 1500."
    not_finite(out, context)
    close(out, expected, name="out", atol=1e-7, context=context)


@kata.check(points=2, hidden=True)
@given(case=mhsa_cases())
def multi_head_matches_reference(sub, ref, case):
    """multi_head_self_attention splits heads into consecutive slices, masks every head, concatenates and projects"""
    out = sub.multi_head_self_attention(*mhsa_args(case))
    expected = ref.multi_head_self_attention(*mhsa_args(case))
    close(out, expected, name="out", context=f"multi_head_self_attention on {describe_mhsa(case)}.")
