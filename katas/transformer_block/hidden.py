"""Hidden checks of transformer_block: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, strategies as kst

from . import kata
from .public import _attn_args, block_cases, wide_enough_for_layer_norm


@kata.check(points=1, hidden=True)
@given(x=kst.normal_arrays(kst.shapes(3, 1, 5), 3.0), seed=kst.seeds(), flat=st.booleans())
def layer_norm_matches_reference(sub, ref, x, seed, flat):
    """layer_norm matches the reference on 2-D and 3-D inputs"""
    if flat:
        x = x.reshape(-1, x.shape[-1])
    E = x.shape[-1]
    rng = kst.rng_from(seed)
    gamma, beta = rng.uniform(-2.0, 2.0, E), rng.uniform(-1.0, 1.0, E)
    assert_close(sub.layer_norm(x, gamma, beta), ref.layer_norm(x, gamma, beta), name=f"layer_norm of a {x.ndim}-D input")


@kata.check(points=2, hidden=True)
@given(case=block_cases(max_t=6), causal=st.booleans())
def attention_matches_reference(sub, ref, case, causal):
    """multi_head_self_attention matches the reference, with and without the causal mask"""
    x = case["x"]
    T = x.shape[1]
    mask = np.tril(np.ones((T, T), dtype=bool)) if causal else None
    got = sub.multi_head_self_attention(x, *_attn_args(case), mask=mask)
    expected = ref.multi_head_self_attention(x, *_attn_args(case), mask=mask)
    assert_close(got, expected, name=f"attention output ({case['heads']} heads, {'causal' if causal else 'no'} mask)")


@kata.check(points=1, hidden=True)
@given(case=block_cases(), act=st.sampled_from(["gelu", "relu"]))
def feed_forward_matches_reference(sub, ref, case, act):
    """feed_forward matches the reference with both activations"""
    p, x = case["params"], case["x"]
    args = (x, p["W1"], p["b1"], p["W2"], p["b2"])
    assert_close(sub.feed_forward(*args, activation=act), ref.feed_forward(*args, activation=act),
                 name=f"feed_forward(..., activation={act!r})")


@kata.check(points=2, hidden=True, large_enough=wide_enough_for_layer_norm)
@given(case=block_cases(max_n=3, max_t=6))
def block_matches_reference(sub, ref, case):
    """transformer_block matches the reference (GELU)"""
    got = sub.transformer_block(case["x"], case["params"], case["heads"])
    expected = ref.transformer_block(case["x"], case["params"], case["heads"])
    assert_close(got, expected, name=f"transformer_block output ({case['heads']} heads, gelu)")


@kata.check(points=1, hidden=True, large_enough=wide_enough_for_layer_norm)
@given(case=block_cases(max_n=3, max_t=6))
def relu_block_matches_reference(sub, ref, case):
    """transformer_block matches the reference with activation='relu'"""
    got = sub.transformer_block(case["x"], case["params"], case["heads"], activation="relu")
    expected = ref.transformer_block(case["x"], case["params"], case["heads"], activation="relu")
    assert_close(got, expected, name=f"transformer_block output ({case['heads']} heads, relu)")
