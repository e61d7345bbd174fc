"""Hidden checks of the kv_cache kata: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, strategies as kst, within

from . import kata
from .public import describe, describe_generation, generation_cases, model_cases, run_generate, run_in_chunks, \
    same_tokens, tokens


@kata.check(points=2, hidden=True)
@given(case=model_cases(max_t=7))
def chunks_match_reference(sub, ref, case):
    """attention_step, chunk by chunk, gives the reference's outputs and cache"""
    out, cache = run_in_chunks(sub, case)
    x, h = case["x"], case["num_heads"]
    n, _, e = x.shape
    ref_cache, ref_outs, start = ref.empty_cache(n, h, e // h), [], 0
    for size in case["chunks"]:
        piece, ref_cache = ref.attention_step(x[:, start:start + size], ref_cache, *case["W"], h)
        ref_outs.append(piece)
        start += size
    within(f"attention_step on {describe(case)}.", assert_close, out, np.concatenate(ref_outs, axis=1), name="out")
    for got, expected, name in zip(cache, ref_cache, "KV"):
        within(f"The cache after {describe(case)}.", assert_close, got, expected, name=name)


@st.composite
def sampling_cases(draw, min_n=1, min_v=1, temperatures=(0.0, 0.5, 1.0, 2.5), top_p_always=False):
    n, v = draw(st.integers(min_n, min_n + 5)), draw(st.integers(min_v, 9))
    rng = kst.rng_from(draw(kst.seeds()))
    ties = draw(st.booleans())
    logits = rng.integers(-2, 3, (n, v)).astype(float) if ties else rng.normal(0, 2, (n, v))
    options = {"temperature": draw(st.sampled_from(temperatures))}
    if draw(st.booleans()):
        options["top_k"] = draw(st.integers(1, v))
    if top_p_always or draw(st.booleans()):
        options["top_p"] = draw(st.sampled_from((0.05, 0.33, 0.61, 0.74, 0.87, 0.99)))
    return {"logits": logits, "u": rng.random(n), "options": options}


@kata.check(points=3, hidden=True, max_examples=40)
@given(case=sampling_cases())
def sampling_matches_reference(sub, ref, case):
    """sample_logits: temperature, then top-k, softmax, top-p, renormalise, inverse CDF in vocabulary order"""
    compare_sampling(sub, ref, case)


def compare_sampling(sub, ref, case):
    got = tokens(sub, case["logits"], case["u"], **case["options"])
    expected = ref.sample_logits(case["logits"], case["u"], **case["options"])
    same_tokens(got, expected, f"sample_logits on logits\n{np.round(case['logits'], 4)}\n"
                f"u = {np.round(case['u'], 4).tolist()}, {case['options']}.")


@kata.check(points=1, hidden=True)
@given(case=sampling_cases(min_n=8, min_v=3, temperatures=(0.4, 2.5), top_p_always=True))
def top_p_after_temperature_matches_reference(sub, ref, case):
    """sample_logits applies top-p to the probabilities after the temperature"""
    compare_sampling(sub, ref, case)


@kata.check(points=2, hidden=True)
@given(case=generation_cases())
def generation_matches_reference(sub, ref, case):
    """generate draws one u per new token from default_rng(seed) and samples with the cache"""
    got = run_generate(sub, case)
    expected = ref.generate(case["prompt"], case["params"], case["num_heads"], case["n_new"], case["seed"],
                            **case["options"])
    same_tokens(got, expected, f"{describe_generation(case)}.")
