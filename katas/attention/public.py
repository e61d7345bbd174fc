"""Public checks of the attention kata: shapes, softmax rows, the scale, causal masks, gradients, heads."""
from functools import lru_cache

import numpy as np
from hypothesis import given, strategies as st

from graders import CheckFailed, assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst

from . import kata

SEEDS = kst.seeds()
MASK_KINDS = ("none", "causal", "shared", "full", "padding")


@lru_cache(maxsize=None)
def ints(lo, hi):
    return st.integers(lo, hi)


@lru_cache(maxsize=None)
def one_of(options):
    return st.sampled_from(options)


def random_mask(rng, shape):
    """A random boolean mask of ``shape`` with at least one True along the last axis (every query sees a key)."""
    mask = rng.random(shape) < 0.6
    keep = rng.integers(0, shape[-1], size=shape[:-1])
    np.put_along_axis(mask, keep[..., None], True, axis=-1)
    return mask


def make_mask(kind, rng, lead, tq, tk):
    if kind == "none":
        return None
    if kind == "causal":
        return np.tril(np.ones((tq, tk), dtype=bool))
    if kind == "shared":
        return random_mask(rng, (tq, tk))
    if kind == "full":
        return random_mask(rng, lead + (tq, tk))
    if kind == "padding":
        return random_mask(rng, lead + (1, tk))
    raise ValueError(kind)


@st.composite
def attention_cases(draw, kinds=MASK_KINDS, max_lead=2, min_t=1, max_t=4, min_d=1, max_d=4, max_batch=3):
    """q (..., Tq, d), k (..., Tk, d), v (..., Tk, dv), a mask of one of ``kinds``, dout (..., Tq, dv).

    The leading axes are none, one or two batch axes. ``causal`` masks have shape
    (T, T) (so Tq = Tk); ``shared`` masks (Tq, Tk) broadcast over the batch axes;
    ``full`` masks have every axis; ``padding`` masks are (..., 1, Tk).
    """
    lead = tuple(draw(ints(1, max_batch)) for _ in range(draw(ints(0, max_lead))))
    kind = draw(one_of(tuple(kinds)))
    tq = draw(ints(min_t, max_t))
    tk = tq if kind == "causal" else draw(ints(min_t, max_t))
    d, dv = draw(ints(min_d, max_d)), draw(ints(1, max_d))
    rng = kst.rng_from(draw(SEEDS))
    return {
        "q": rng.uniform(-1.5, 1.5, lead + (tq, d)),
        "k": rng.uniform(-1.5, 1.5, lead + (tk, d)),
        "v": rng.uniform(-1, 1, lead + (tk, dv)),
        "mask": make_mask(kind, rng, lead, tq, tk),
        "mask_kind": kind,
        "dout": rng.uniform(-1, 1, lead + (tq, dv)),
    }


def keys_compete(case, **_):
    """Whether some query may attend to two keys or more: the size above which dq and dk say anything. With one
    allowed key the softmax weight is 1 whatever q and k are, so dq = dk = 0 and every mistake in them looks alike."""
    allowed = np.logical_and(np.ones(case["q"].shape[:-1] + (case["k"].shape[-2],), bool),
                             True if case["mask"] is None else case["mask"])
    return bool((allowed.sum(axis=-1) >= 2).any())


def describe_case(case):
    mask = case["mask"]
    text = f"q {case['q'].shape}, k {case['k'].shape}, v {case['v'].shape}"
    if mask is None:
        return text + ", no mask"
    return text + f", {case['mask_kind']} mask {mask.shape}"


def close(got, expected, *, name, context, rtol=1e-6, atol=1e-8):
    """assert_close, with a sentence saying which input was used."""
    try:
        assert_close(got, expected, name=name, rtol=rtol, atol=atol)
    except CheckFailed as exc:
        raise CheckFailed(f"{context}\n{exc}") from None


def forward(sub, q, k, v, mask):
    """Call attention_forward, without the mask argument when there is none (so its default is used)."""
    args = (q, k, v) if mask is None else (q, k, v, mask)
    return expect_tuple(sub.attention_forward(*args), ["out", "cache"], call="attention_forward")


@kata.check(points=1)
@given(case=attention_cases(kinds=("none",)))
def forward_output_has_shape_of_queries_by_value_width(sub, ref, case):
    """attention_forward returns (out, cache) with out of shape (..., Tq, dv), for none, one or two batch axes"""
    out, _ = forward(sub, case["q"], case["k"], case["v"], None)
    expected = case["q"].shape[:-1] + case["v"].shape[-1:]
    try:
        assert_array(out, name="out", shape=expected)
    except CheckFailed as exc:
        raise CheckFailed(f"attention_forward on {describe_case(case)}: {exc} Use matmul (@) and swap only the "
                          "last two axes of k (np.swapaxes(k, -1, -2)), so that leading batch axes are kept.") from None


@kata.check(points=2)
@given(case=attention_cases())
def weights_are_a_distribution_over_the_allowed_keys(sub, ref, case):
    """With v = identity the output is the weight matrix: each row is >= 0, sums to 1 and is 0 on masked keys"""
    q, k, mask = case["q"], case["k"], case["mask"]
    tk = k.shape[-2]
    v = np.broadcast_to(np.eye(tk), k.shape[:-2] + (tk, tk)).copy()
    weights, _ = forward(sub, q, k, v, mask)
    context = (f"With v = the identity matrix (so out = the attention weights) on {describe_case(case)}.")
    shape = q.shape[:-1] + (tk,)
    try:
        assert_array(weights, name="out", shape=shape)
    except CheckFailed as exc:
        raise CheckFailed(f"{context} {exc}") from None
    if np.any(weights < -1e-12):
        fail(f"{context} Some weights are negative (smallest {weights.min():.6g}); a softmax is never negative.")
    allowed = np.ones(shape, bool) if mask is None else np.broadcast_to(mask, shape)
    masked = np.where(allowed, 0.0, np.abs(weights))
    if np.any(masked > 1e-12):
        where = [int(i) for i in np.unravel_index(int(np.argmax(masked)), shape)]
        fail(f"{context} The weight at index {where} is {weights[tuple(where)]:.6g}, but the mask is False there, so "
             "that query may not attend to that key: its weight must be 0. The mask is True where attending is "
             "allowed.")
    close(weights.sum(axis=-1), np.ones(shape[:-1]), name="sum of each row of the weights (over the keys)",
          context=context + " The softmax runs over the keys (the last axis), after the masked scores are excluded, "
                            "so each row of weights sums to 1.")


@kata.check(points=1)
@given(d=ints(2, 8), seed=SEEDS)
def scores_are_scaled_by_one_over_sqrt_d(sub, ref, d, seed):
    """Scores are q . k / sqrt(d): a hand-computed case whose weights are 1/4 and 3/4"""
    q = np.ones((1, d))
    k = np.vstack([np.zeros(d), np.full(d, np.log(3.0) / np.sqrt(d))])  # q . k_1 / sqrt(d) = log 3
    v = kst.rng_from(seed).uniform(-1, 1, (2, 3))
    out, _ = forward(sub, q, k, v, None)
    close(out, 0.25 * v[:1] + 0.75 * v[1:], name="out",
          context=f"With d = {d}, q = [1, ..., 1] and keys k_0 = 0, k_1 = [log(3)/sqrt(d), ...], the scores are "
                  "q.k_0 / sqrt(d) = 0 and q.k_1 / sqrt(d) = log 3, so the weights are softmax([0, log 3]) = "
                  "[1/4, 3/4] and out = v_0 / 4 + 3 v_1 / 4.")


@kata.check(points=1)
@given(case=attention_cases(kinds=("causal",), min_t=2))
def causal_mask_hides_future_keys(sub, ref, case):
    """With a causal (T, T) mask, query t depends only on keys and values 0..t, and query 0 returns v_0"""
    q, k, v, mask = case["q"], case["k"], case["v"], case["mask"]
    context = f"With a causal mask (np.tril of ones) on {describe_case(case)}"
    out, _ = forward(sub, q, k, v, mask)
    try:
        out = assert_array(out, name="out", shape=q.shape[:-1] + v.shape[-1:])
    except CheckFailed as exc:
        raise CheckFailed(f"{context}: {exc}") from None
    close(out[..., 0, :], v[..., 0, :], name="out[..., 0, :]",
          context=context + ", query 0 may only attend to key 0, so its weight there is 1 and its output is v[..., 0, :].")
    rng = kst.rng_from(0)
    k2, v2 = k.copy(), v.copy()
    k2[..., -1, :] += rng.uniform(-1, 1, k2[..., -1, :].shape)
    v2[..., -1, :] += rng.uniform(-1, 1, v2[..., -1, :].shape)
    out2, _ = forward(sub, q, k2, v2, mask)
    close(out2[..., :-1, :], out[..., :-1, :], name="out[..., :T-1, :] after changing the last key and value",
          context=context + ", changing the last key and value may only change the last query's output. If the "
                            "others moved, the masked scores still take part in the softmax (mask them before the "
                            "softmax, with -inf).")


@kata.check(points=3, max_examples=6, large_enough=keys_compete)
@given(case=attention_cases(max_t=3, max_d=3, max_batch=2))
def backward_matches_numerical_gradient_of_your_forward(sub, ref, case):
    """attention_backward agrees with the numerical gradient of your attention_forward"""
    q, k, v, mask = case["q"], case["k"], case["v"], case["mask"]
    _, cache = forward(sub, q, k, v, mask)
    grads = expect_tuple(sub.attention_backward(case["dout"], cache), ["dq", "dk", "dv"], call="attention_backward")
    try:
        # Tensors of more than 8 elements are checked along 3 random directions (2 forward calls each).
        check_gradients(lambda q, k, v: forward(sub, q, k, v, mask)[0], [q, k, v], grads, case["dout"],
                        names=["dq", "dk", "dv"], max_elementwise=8)
    except CheckFailed as exc:
        raise CheckFailed(f"On {describe_case(case)}: {exc}") from None


@st.composite
def mhsa_cases(draw, kinds=("none", "causal", "full", "padding"), max_heads=3, max_head_dim=3):
    """x (N, T, E) with E = num_heads * head_dim, four (E, E) projections, a mask broadcastable to (N, T, T)."""
    n, t = draw(ints(1, 2)), draw(ints(1, 4))
    h, dh = draw(ints(1, max_heads)), draw(ints(1, max_head_dim))
    kind = draw(one_of(tuple(kinds)))
    e = h * dh
    rng = kst.rng_from(draw(SEEDS))
    W = [rng.uniform(-1, 1, (e, e)) / np.sqrt(e) for _ in range(4)]
    mask = make_mask(kind, rng, (n,), t, t)
    return {"x": rng.uniform(-1.5, 1.5, (n, t, e)), "Wq": W[0], "Wk": W[1], "Wv": W[2], "Wo": W[3],
            "num_heads": h, "mask": mask, "mask_kind": kind}


def mhsa_args(case):
    args = [case[name] for name in ("x", "Wq", "Wk", "Wv", "Wo", "num_heads")]
    return args if case["mask"] is None else args + [case["mask"]]


def describe_mhsa(case):
    n, t, e = case["x"].shape
    text = f"N={n}, T={t}, E={e}, num_heads={case['num_heads']}"
    mask = case["mask"]
    return text + (", no mask" if mask is None else f", {case['mask_kind']} mask {mask.shape}")


@kata.check(points=2)
@given(case=mhsa_cases())
def multi_head_is_attention_on_consecutive_head_slices(sub, ref, case):
    """multi_head_self_attention = concat over heads of attention on consecutive column slices, @ Wo"""
    x, Wq, Wk, Wv, Wo, h = (case[name] for name in ("x", "Wq", "Wk", "Wv", "Wo", "num_heads"))
    out = sub.multi_head_self_attention(*mhsa_args(case))
    n, t, e = x.shape
    dh = e // h
    Q, K, V = x @ Wq, x @ Wk, x @ Wv
    heads = []
    for j in range(h):
        # one head written out from the statement, not the learner's attention_forward: a wrong single-head
        # attention must fail its own checks, not a multi_head_self_attention that is right
        cols = slice(j * dh, (j + 1) * dh)
        scores = Q[..., cols] @ np.swapaxes(K[..., cols], -1, -2) / np.sqrt(dh)
        if case["mask"] is not None:
            scores = np.where(case["mask"], scores, -np.inf)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        heads.append(weights / weights.sum(axis=-1, keepdims=True) @ V[..., cols])
    close(out, np.concatenate(heads, axis=-1) @ Wo, name="out",
          context=f"multi_head_self_attention on {describe_mhsa(case)}: head j must be attention, "
                  f"softmax(q_j k_j^T / sqrt({dh}), masked) v_j, on columns j*{dh}..(j+1)*{dh}-1 of x @ Wq, x @ Wk, "
                  "x @ Wv (so each head scales by "
                  f"1/sqrt({dh}), its own width), the heads concatenated in order along the last axis, then @ Wo.")


@kata.check(points=1)
@given(case=attention_cases(kinds=("none", "shared", "full"), min_d=2))
def adding_one_vector_to_every_key_changes_nothing(sub, ref, case):
    """Adding the same large vector to every key changes nothing: softmax is shift-invariant (compute it stably)"""
    q, k, v, mask = np.abs(case["q"]) + 0.2, case["k"], case["v"], case["mask"]
    d = q.shape[-1]
    # Each query's scores all grow by q . u / sqrt(d) >= 1000, which overflows exp() unless the row max is subtracted.
    u = np.full(d, 1000.0 * np.sqrt(d) / q.sum(axis=-1).min())
    out, _ = forward(sub, q, k, v, mask)
    shifted, _ = forward(sub, q, k + u, v, mask)
    context = (f"On {describe_case(case)}, adding u = {u[0]:.4g} * [1, ..., 1] to every key adds the same constant "
               "(>= 1000) to all the scores of a query, which must not change its softmax.")
    not_finite(shifted, context)
    close(shifted, out, name="out with k + u", rtol=1e-6, atol=1e-7, context=context)


def not_finite(out, context):
    """Fail with an explanation of overflow if ``out`` is an array with NaN or Inf."""
    if isinstance(out, np.ndarray) and out.dtype.kind == "f" and not np.all(np.isfinite(out)):
        fail(f"{context} Your output contains NaN or Inf: exp() of a score near 1000 overflows. Subtract each row's "
             "maximum score before exponentiating (the softmax is unchanged). A row whose keys are all excluded "
             "gives NaN too: check the mask's polarity (True = may attend).")
