"""Public checks of the kv_cache kata: the cache equals full causal attention chunk by chunk; sampling rules by hand."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, expect_tuple, fail, strategies as kst, within

from . import kata


@st.composite
def model_cases(draw, max_t=6):
    """x (N, T, E) with E = h * dh, four (E, E) projections, and a split of the T tokens into chunks."""
    n, t = draw(kst.dims(1, 2)), draw(kst.dims(1, max_t))
    h, dh = draw(kst.dims(1, 3)), draw(kst.dims(1, 3))
    e = h * dh
    rng = kst.rng_from(draw(kst.seeds()))
    cuts = sorted(set(draw(st.lists(st.integers(1, max(1, t - 1)), max_size=3)))) if t > 1 else []
    W = [rng.uniform(-1, 1, (e, e)) / np.sqrt(e) for _ in range(4)]
    return {"x": rng.uniform(-2, 2, (n, t, e)), "W": W, "num_heads": h,
            "chunks": [b - a for a, b in zip([0] + cuts, cuts + [t])]}


def describe(case):
    n, t, e = case["x"].shape
    return f"N={n}, T={t}, E={e}, num_heads={case['num_heads']}, chunks of sizes {case['chunks']}"



def full_causal_attention(x, Wq, Wk, Wv, Wo, num_heads):
    """Causal multi-head self-attention of the whole sequence at once, written out by hand, head by head."""
    n, t, e = x.shape
    dh = e // num_heads
    Q, K, V = x @ Wq, x @ Wk, x @ Wv
    heads = []
    for j in range(num_heads):
        cols = slice(j * dh, (j + 1) * dh)
        scores = Q[..., cols] @ K[..., cols].transpose(0, 2, 1) / np.sqrt(dh)
        scores = np.where(np.tril(np.ones((t, t), bool)), scores, -np.inf)
        w = np.exp(scores - scores.max(axis=-1, keepdims=True))
        heads.append(w / w.sum(axis=-1, keepdims=True) @ V[..., cols])
    return np.concatenate(heads, axis=-1) @ Wo


def run_in_chunks(sub, case):
    """Feed the chunks one after the other; returns the outputs, concatenated, and the last cache."""
    x, h = case["x"], case["num_heads"]
    n, _, e = x.shape
    cache = expect_tuple(sub.empty_cache(n, h, e // h), ["K", "V"], call="empty_cache")
    outs, start = [], 0
    for size in case["chunks"]:
        out, cache = expect_tuple(sub.attention_step(x[:, start:start + size], cache, *case["W"], h),
                                  ["out", "new_cache"], call="attention_step")
        start += size
        outs.append(assert_array(out, name="attention_step: out", shape=(n, size, e)))
        cache = expect_tuple(cache, ["K", "V"], call="attention_step (its new_cache)")
        for part, name in zip(cache, "KV"):
            assert_array(part, name=f"attention_step: new_cache {name} after {start} tokens",
                         shape=(n, h, start, e // h))
    return np.concatenate(outs, axis=1), cache


@kata.check(points=1)
@given(n=kst.dims(1, 3), h=kst.dims(1, 3), dh=kst.dims(1, 4))
def empty_cache_has_no_tokens(sub, ref, n, h, dh):
    """empty_cache(n, h, dh) is two arrays of shape (n, h, 0, dh)"""
    K, V = expect_tuple(sub.empty_cache(n, h, dh), ["K", "V"], call="empty_cache")
    for part, name in ((K, "K"), (V, "V")):
        assert_array(part, name=f"empty_cache({n}, {h}, {dh}): {name} (N, heads, tokens, head_dim)",
                     shape=(n, h, 0, dh))


@kata.check(points=2)
@given(case=model_cases())
def a_whole_prompt_is_causal_attention(sub, ref, case):
    """attention_step on all T tokens and an empty cache is causal multi-head self-attention"""
    one = {**case, "chunks": [case["x"].shape[1]]}
    out, _ = run_in_chunks(sub, one)
    within(f"attention_step on {describe(one)}, starting from empty_cache: token i attends to tokens 0..i "
           "(itself included), each head scales by 1/sqrt(dh).", assert_close, out,
           full_causal_attention(case["x"], *case["W"], case["num_heads"]), name="out", mistakes={
               "the tokens of a chunk attend to the later tokens of the same chunk: mask them (causal)":
                   lambda: full_causal_attention_unmasked(case["x"], *case["W"], case["num_heads"])})


@kata.check(points=3)
@given(case=model_cases())
def chunk_by_chunk_equals_all_at_once(sub, ref, case):
    """Feeding the tokens in chunks, with the cache, gives what causal attention over the whole sequence gives"""
    out, _ = run_in_chunks(sub, case)
    within(f"attention_step on {describe(case)}, each chunk with the cache of the ones before: the new tokens of a "
           "chunk attend to every cached token and causally to each other.", assert_close, out,
           full_causal_attention(case["x"], *case["W"], case["num_heads"]), name="out (the chunks' outputs, in order)")


@kata.check(points=1)
@given(case=model_cases())
def cache_holds_keys_and_values_by_head(sub, ref, case):
    """After T tokens the cache is x @ Wk and x @ Wv, split into heads: (N, h, T, dh)"""
    _, (K, V) = run_in_chunks(sub, case)
    x, (_, Wk, Wv, _), h = case["x"], case["W"], case["num_heads"]
    n, t, e = x.shape
    heads = lambda a: a.reshape(n, t, h, e // h).transpose(0, 2, 1, 3)
    for got, expected, name in ((K, heads(x @ Wk), "K"), (V, heads(x @ Wv), "V")):
        within(f"The cache after {describe(case)}: {name}[n, j, s] is head j's slice (columns j*dh..(j+1)*dh-1) of "
               f"x[n, s] @ W{name.lower()}, the old tokens first.", assert_close, got, expected, name=name)


def full_causal_attention_unmasked(x, Wq, Wk, Wv, Wo, num_heads):
    """A known mistake: the whole sequence at once without the causal mask."""
    n, t, e = x.shape
    dh = e // num_heads
    split = lambda a: a.reshape(n, t, num_heads, dh).transpose(0, 2, 1, 3)
    scores = split(x @ Wq) @ split(x @ Wk).transpose(0, 1, 3, 2) / np.sqrt(dh)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (w / w.sum(axis=-1, keepdims=True) @ split(x @ Wv)).transpose(0, 2, 1, 3).reshape(n, t, e) @ Wo


# ----------------------------------------------------------------------------------------------------- sampling

PROBS = np.array([0.5, 0.2, 0.2, 0.1])
CROSSING = "top-p dropped the token that crosses top_p: keep it (keep each token whose predecessors sum to < top_p)"


def same_tokens(got, expected, context, mistakes=None):
    """Token ids compared exactly; the first differing rows are named, and a known mistake when one matches."""
    got, expected = np.asarray(got), np.asarray(expected)
    if got.shape == expected.shape and np.array_equal(got, expected):
        return
    context = f"{context}\n" if context else ""
    if got.shape != expected.shape:
        fail(f"{context}tokens: expected shape {expected.shape}, got {got.shape}.")
    rows = [int(i) for i in np.flatnonzero(np.any((got != expected).reshape(len(got), -1), axis=1))]
    looks = next((says for says, value in (mistakes or {}).items() if np.array_equal(got, value)), None)
    fail(f"{context}tokens: {len(rows)} of {len(got)} rows differ (first row {rows[0]}): expected "
         f"{expected.tolist()}, got {got.tolist()}." + (f" Looks like: {looks}." if looks else ""))


def tokens(sub, logits, u, **options):
    got = sub.sample_logits(logits, u, **options)
    return assert_array(got, name="sample_logits: tokens", shape=(logits.shape[0],), kind="i")


@kata.check(points=1)
@given(seed=kst.seeds(), n=kst.dims(1, 4), v=kst.dims(1, 8))
def temperature_zero_is_greedy(sub, ref, seed, n, v):
    """temperature=0 returns the argmax of each row (the lowest index among ties), whatever u"""
    rng = kst.rng_from(seed)
    logits = rng.integers(-3, 3, (n, v)).astype(float)      # small integers: ties are frequent
    got = tokens(sub, logits, rng.random(n), temperature=0.0)
    same_tokens(got, np.argmax(logits, axis=-1), f"sample_logits(logits, u, temperature=0) on logits\n{logits}",
                {"among ties, the highest index was chosen: np.argmax returns the lowest":
                     logits.shape[1] - 1 - np.argmax(logits[:, ::-1], axis=-1)})


def softmax_rows(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def inverse_cdf(p, u):
    """The first index of each row whose cumulative probability exceeds u."""
    return np.minimum((np.cumsum(p, axis=-1) <= u[:, None]).sum(axis=-1), p.shape[-1] - 1)


@kata.check(points=2)
@given(seed=kst.seeds(), n=kst.dims(1, 4), v=kst.dims(1, 8), temperature=st.sampled_from((1.0, 0.5, 2.0)))
def inverse_cdf_in_vocabulary_order(sub, ref, seed, n, v, temperature):
    """Without top-k or top-p, the token is the first v with cumsum(softmax(logits / T))[v] > u"""
    rng = kst.rng_from(seed)
    logits, u = rng.normal(0, 2, (n, v)), rng.random(n)
    p = softmax_rows(logits / temperature)
    got = tokens(sub, logits, u, temperature=temperature)
    same_tokens(got, inverse_cdf(p, u),
                f"sample_logits(logits, u={np.round(u, 4).tolist()}, temperature={temperature:g}) with probabilities "
                f"softmax(logits / temperature) =\n{np.round(p, 4)}\nThe token is the first index whose cumulative "
                "probability exceeds u (vocabulary order).",
                {"the logits were multiplied by the temperature: divide them by it":
                     inverse_cdf(softmax_rows(logits * temperature), u)})


@kata.check(points=2)
def top_k_and_top_p_by_hand(sub, ref):
    """Worked examples of top-k and top-p on probabilities [0.5, 0.2, 0.2, 0.1]"""
    logits = np.log(PROBS)[None, :].repeat(6, axis=0)
    u = np.array([0.05, 0.6, 0.68, 0.75, 0.92, 0.99])
    cases = [
        ({"top_k": 2}, [0, 0, 0, 1, 1, 1],
         "top_k=2 keeps the 2 largest logits, 0.5 and the first 0.2 (index 1: ties go to the lower index); "
         "renormalised to [5/7, 2/7, 0, 0], cumsum [0.714, 1, 1, 1]",
         {"among tied logits top-k kept the higher index: keep the lower one (a stable sort of -z)":
              [0, 0, 0, 2, 2, 2]}),
        ({"top_p": 0.6}, [0, 0, 0, 1, 1, 1],
         "top_p=0.6: sorted probabilities 0.5, 0.2 (index 1), ...; 0.5 < 0.6, so the token that crosses 0.6, index "
         "1, is kept too: [5/7, 2/7, 0, 0]", {CROSSING: [0, 0, 0, 0, 0, 0]}),
        ({"top_p": 0.8}, [0, 1, 1, 1, 2, 2],
         "top_p=0.8: 0.5 + 0.2 = 0.7 < 0.8, so index 2 is kept as well: [5/9, 2/9, 2/9, 0], cumsum "
         "[0.556, 0.778, 1, 1]", {CROSSING: [0, 0, 0, 1, 1, 1]}),
        ({"top_k": 3, "top_p": 0.3}, [0, 0, 0, 0, 0, 0], "top_p=0.3 keeps the most probable token only", {}),
        ({"temperature": 0.5, "top_p": 0.8}, [0, 0, 0, 0, 1, 1],
         "temperature 0.5 first: probabilities proportional to [0.25, 0.04, 0.04, 0.01] = [0.735, 0.118, 0.118, "
         "0.029]; then top_p=0.8 keeps indices 0 and 1 (0.735 < 0.8 <= 0.853): [0.862, 0.138, 0, 0]",
         {"top-p was applied to the probabilities before the temperature: divide by the temperature first":
              [0, 0, 0, 0, 2, 2], CROSSING: [0, 0, 0, 0, 0, 0]}),
        ({}, [0, 1, 1, 2, 3, 3], "nothing removed: cumsum [0.5, 0.7, 0.9, 1]", {}),
    ]
    for options, expected, why, mistakes in cases:
        got = tokens(sub, logits, u, **options)
        same_tokens(got, np.array(expected), f"sample_logits on six rows of logits log([0.5, 0.2, 0.2, 0.1]) with "
                    f"u = {u.tolist()} and {options or 'no top-k, no top-p'}: {why}.",
                    {says: np.array(value) for says, value in mistakes.items()})


@kata.check(points=1)
@given(seed=kst.seeds(), v=kst.dims(2, 8), k=kst.dims(1, 8), temperature=st.sampled_from((1.0, 0.7, 3.0)))
def top_k_frequencies_are_the_renormalised_probabilities(sub, ref, seed, v, k, temperature):
    """With u on a fine grid, each of the k kept tokens comes up in proportion to its renormalised probability"""
    k = min(k, v)
    logits = kst.rng_from(seed).normal(0, 1.5, v)
    grid = (np.arange(400) + 0.5) / 400
    got = tokens(sub, np.tile(logits, (400, 1)), grid, temperature=temperature, top_k=k)
    kept = np.argsort(-logits, kind="stable")[:k]
    p = np.zeros(v)
    p[kept] = np.exp(logits[kept] / temperature)
    p /= p.sum()
    counts = np.bincount(np.clip(got, 0, v - 1), minlength=v) / 400
    if np.any(np.abs(counts - p) > 1.5 / 400):
        fail(f"sample_logits on 400 copies of logits {np.round(logits, 3).tolist()} with u = 0.5/400, 1.5/400, ..., "
             f"temperature {temperature:g}, top_k={k}: each token should come up with its probability among the k "
             f"kept ones, {np.round(p, 4).tolist()}; yours came up with frequencies {np.round(counts, 4).tolist()}. "
             "Divide by the temperature before the softmax, keep the k largest logits and renormalise.")


# ----------------------------------------------------------------------------------------------------- generation

@st.composite
def generation_cases(draw):
    n, p, v = draw(kst.dims(1, 2)), draw(kst.dims(1, 3)), draw(kst.dims(2, 6))
    h, dh = draw(kst.dims(1, 2)), draw(kst.dims(1, 3))
    e = h * dh
    rng = kst.rng_from(draw(kst.seeds()))
    params = {"embed": rng.normal(0, 0.7, (v, e)),
              **{name: rng.uniform(-1, 1, (e, e)) / np.sqrt(e) for name in ("Wq", "Wk", "Wv", "Wo")}}
    options = draw(st.sampled_from(({}, {"temperature": 0.0}, {"temperature": 2.0}, {"top_k": 2},
                                    {"top_p": 0.7}, {"temperature": 1.5, "top_k": 3, "top_p": 0.9})))
    return {"prompt": rng.integers(0, v, (n, p)), "params": params, "num_heads": h,
            "n_new": draw(st.integers(0, 4)), "seed": draw(kst.seeds()), "options": options}


def describe_generation(case):
    return (f"generate(prompt {case['prompt'].tolist()}, V={case['params']['embed'].shape[0]}, "
            f"E={case['params']['embed'].shape[1]}, num_heads={case['num_heads']}, n_new={case['n_new']}, "
            f"seed={case['seed']}, {case['options']})")


def run_generate(sub, case, **changes):
    case = {**case, **changes}
    got = sub.generate(case["prompt"], case["params"], case["num_heads"], case["n_new"], case["seed"],
                       **case["options"])
    n, p = case["prompt"].shape
    return assert_array(got, name="generate: tokens", shape=(n, p + case["n_new"]), kind="i")


@kata.check(points=1)
@given(case=generation_cases())
def generation_keeps_the_prompt_and_is_reproducible(sub, ref, case):
    """generate returns the prompt then n_new tokens of the vocabulary, the same for the same seed"""
    got = run_generate(sub, case)
    context = describe_generation(case)
    within(f"{context}: the first P tokens are the prompt.", assert_equal, got[:, :case["prompt"].shape[1]],
           case["prompt"], name="tokens[:, :P]")
    v = case["params"]["embed"].shape[0]
    if got.size and (got.min() < 0 or got.max() >= v):
        fail(f"{context}: the tokens must be in 0..{v - 1}; yours range from {got.min()} to {got.max()}.")
    within(f"{context}, called twice: the same seed gives the same tokens (use np.random.default_rng(seed), never "
           "the global random state).", assert_equal, run_generate(sub, case), got, name="tokens, second call")


@kata.check(points=2)
@given(seed=kst.seeds())
def greedy_generation_equals_recomputing_everything(sub, ref, seed):
    """With temperature 0, generate gives the tokens of greedy decoding that recomputes full attention at every step"""
    rng = kst.rng_from(seed)
    v, e = 8, 6
    params = {"embed": rng.normal(0, 0.7, (v, e)), "Wq": rng.uniform(-1, 1, (e, e)), "Wk": rng.uniform(-1, 1, (e, e)),
              "Wv": rng.uniform(-2, 2, (e, e)), "Wo": rng.uniform(-1, 1, (e, e)) / 2}   # attention matters
    case = {"prompt": rng.integers(0, v, (8, 3)), "params": params, "num_heads": 2, "n_new": 5, "seed": seed,
            "options": {"temperature": 0.0}}
    got = run_generate(sub, case)
    h = case["num_heads"]
    embed, weights = params["embed"], [params[name] for name in ("Wq", "Wk", "Wv", "Wo")]
    expected = case["prompt"].copy()
    for _ in range(case["n_new"]):
        x = embed[expected]
        logits = (x + full_causal_attention(x, *weights, h))[:, -1] @ embed.T
        expected = np.concatenate([expected, np.argmax(logits, axis=-1)[:, None]], axis=1)
    within(f"{describe_generation(case)}: without a cache, greedy decoding runs the whole sequence through the model "
           "at every step (x = embed[tokens], logits = (x + causal attention(x))[:, -1] @ embed.T, the argmax is "
           "appended); with the cache it must choose the same tokens: each new token goes through attention_step "
           "with the cache of all the tokens before it.", same_tokens, got, expected, "")


@kata.check(points=1)
@given(seed=kst.seeds())
def sampled_generation_draws_one_u_per_step(sub, ref, seed):
    """With temperature 1, generate samples each token from u = rng.random(N) of one generator made once"""
    rng = kst.rng_from(seed)
    v, e = 6, 4
    params = {"embed": rng.normal(0, 1.0, (v, e)), "Wq": rng.uniform(-1, 1, (e, e)), "Wk": rng.uniform(-1, 1, (e, e)),
              "Wv": rng.uniform(-1, 1, (e, e)), "Wo": rng.uniform(-1, 1, (e, e))}
    case = {"prompt": rng.integers(0, v, (4, 2)), "params": params, "num_heads": 2, "n_new": 4, "seed": seed,
            "options": {"temperature": 1.0}}
    got = run_generate(sub, case)
    weights = [params[name] for name in ("Wq", "Wk", "Wv", "Wo")]
    draws = np.random.default_rng(seed)  # made once; one u = draws.random(N) per new token
    expected = case["prompt"].copy()
    for _ in range(case["n_new"]):
        x = params["embed"][expected]
        logits = (x + full_causal_attention(x, *weights, case["num_heads"]))[:, -1] @ params["embed"].T
        expected = np.concatenate([expected, inverse_cdf(softmax_rows(logits), draws.random(len(expected)))[:, None]],
                                  axis=1)
    within(f"{describe_generation(case)}: rng = np.random.default_rng(seed) is made once, before the loop; each new "
           "token draws u = rng.random(N) and takes the first index whose cumulative probability exceeds u (the "
           "logits recomputed here without a cache).", same_tokens, got, expected, "")
