"""Public checks of transformer_block: properties, hand values and self-consistency (no reference)."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, strategies as kst

from . import kata

EPS = 1e-5


@st.composite
def block_cases(draw, max_n=2, max_t=5):
    """x (N, T, E), a head count dividing E, and a full parameter dict, all from one drawn seed."""
    heads = draw(st.sampled_from([1, 2, 3]))
    d = draw(st.sampled_from([1, 2, 3]))
    E = heads * d if heads * d > 1 else 2
    n, t = draw(kst.dims(1, max_n)), draw(kst.dims(1, max_t))
    F = draw(st.sampled_from([E, 2 * E]))
    rng = kst.rng_from(draw(kst.seeds()))
    s = 1.0 / np.sqrt(E)
    params = {
        "ln1_gamma": rng.uniform(0.5, 1.5, E),
        "ln1_beta": rng.uniform(-0.5, 0.5, E),
        "Wq": rng.normal(0.0, 1.5 * s, (E, E)),
        "Wk": rng.normal(0.0, 1.5 * s, (E, E)),
        "Wv": rng.normal(0.0, s, (E, E)),
        "Wo": rng.normal(0.0, s, (E, E)),
        "ln2_gamma": rng.uniform(0.5, 1.5, E),
        "ln2_beta": rng.uniform(-0.5, 0.5, E),
        "W1": rng.normal(0.0, s, (E, F)),
        "b1": rng.uniform(-0.5, 0.5, F),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(F), (F, E)),
        "b2": rng.uniform(-0.5, 0.5, E),
    }
    return {"x": rng.standard_normal((n, t, E)), "heads": heads, "params": params}


def wide_enough_for_layer_norm(case, **_):
    """Whether the embedding is wide enough for a whole block to say anything: over 2 features layer norm gives
    about (-1, 1) * gamma + beta whatever its input, so normalising the wrong tensor shows only through eps."""
    return case["x"].shape[-1] >= 3


def _attn_args(case):
    p = case["params"]
    return p["Wq"], p["Wk"], p["Wv"], p["Wo"], case["heads"]


def _out(got, shape, name):
    return assert_array(got, name=name, shape=shape)


@kata.check(points=1)
@given(x=st.one_of(kst.normal_arrays(kst.shapes(3, 1, 4), 2.0), kst.normal_arrays(kst.shapes(2, 1, 4), 2.0)),
       seed=kst.seeds())
def layer_norm_normalises_the_last_axis(sub, ref, x, seed):
    """layer_norm gives every vector along the last axis mean 0 and variance var/(var+eps), then scales and shifts"""
    E = x.shape[-1]
    rng = kst.rng_from(seed)
    gamma, beta = rng.uniform(0.5, 2.0, E), rng.uniform(-1.0, 1.0, E)
    plain = _out(sub.layer_norm(x, np.ones(E), np.zeros(E)), x.shape, "layer_norm(x, 1, 0)")
    var = x.var(axis=-1, keepdims=True)
    assert_close(plain.mean(axis=-1), np.zeros(x.shape[:-1]), name="mean over the last axis of layer_norm(x, 1, 0)", atol=1e-9)
    assert_close(plain.var(axis=-1, keepdims=True), var / (var + EPS),
                 name="variance over the last axis of layer_norm(x, 1, 0) (biased variance, eps=1e-5 inside the sqrt)")
    scaled = _out(sub.layer_norm(x, gamma, beta), x.shape, "layer_norm(x, gamma, beta)")
    assert_close(scaled, plain * gamma + beta, name="layer_norm(x, gamma, beta) (must be layer_norm(x, 1, 0) * gamma + beta)")


@kata.check(points=1, max_examples=8)
@given(T=kst.dims(1, 8))
def causal_mask_is_lower_triangular(sub, ref, T):
    """causal_mask(T) is a (T, T) bool array, True on and below the diagonal"""
    got = sub.causal_mask(T)
    assert_equal(got, np.tril(np.ones((T, T), dtype=bool)), name=f"causal_mask({T}) (True where key j <= query i)")


@kata.check(points=2)
@given(case=block_cases())
def attention_on_one_token_and_with_a_full_mask(sub, ref, case):
    """multi_head_self_attention: one token gives x @ Wv @ Wo, and an all-True mask changes nothing"""
    x = case["x"]
    N, T, E = x.shape
    Wq, Wk, Wv, Wo, h = _attn_args(case)
    one = _out(sub.multi_head_self_attention(x[:, :1], Wq, Wk, Wv, Wo, h), (N, 1, E), "attention output on one token")
    assert_close(one, x[:, :1] @ Wv @ Wo,
                 name=f"attention on a single token (it can only attend to itself, so out = x @ Wv @ Wo), {h} heads")
    free = _out(sub.multi_head_self_attention(x, Wq, Wk, Wv, Wo, h), x.shape, "attention output (mask=None)")
    full = _out(sub.multi_head_self_attention(x, Wq, Wk, Wv, Wo, h, mask=np.ones((T, T), dtype=bool)), x.shape,
                "attention output (all-True mask)")
    assert_close(full, free, name="attention with an all-True mask (must equal mask=None)")


# Fixed attention inputs: E = 6 split into 2 heads of width 3 and into 3 heads of width 2, causal and unmasked.
_FIXED = np.random.default_rng(11)
FIXED_ATTENTION = {"x": _FIXED.standard_normal((1, 3, 6)),
                   **{name: _FIXED.normal(0.0, 0.6, (6, 6)) for name in ("Wq", "Wk", "Wv", "Wo")}}
FIXED_SETTINGS = ((2, True), (3, False))   # (num_heads, causal)


@kata.frozen
def attention_of_the_statement(ref):
    """multi_head_self_attention on FIXED_ATTENTION for each (num_heads, causal) of FIXED_SETTINGS."""
    a = FIXED_ATTENTION
    return [ref.multi_head_self_attention(a["x"], a["Wq"], a["Wk"], a["Wv"], a["Wo"], heads,
                                          mask=np.tril(np.ones((3, 3), dtype=bool)) if causal else None)
            for heads, causal in FIXED_SETTINGS]


@kata.check(points=1)
def attention_with_several_heads_matches_the_statement(sub, ref):
    """multi_head_self_attention with 2 heads of width 3 and 3 heads of width 2 gives the statement's values"""
    a = FIXED_ATTENTION
    for (heads, causal), expected in zip(FIXED_SETTINGS, kata.frozen_value("attention_of_the_statement")):
        mask = np.tril(np.ones((3, 3), dtype=bool)) if causal else None
        got = _out(sub.multi_head_self_attention(a["x"], a["Wq"], a["Wk"], a["Wv"], a["Wo"], heads, mask=mask),
                   (1, 3, 6), "attention output")
        assert_close(got, np.asarray(expected), name=(
            f"multi_head_self_attention(x (1, 3, 6), Wq, Wk, Wv, Wo, num_heads={heads}, "
            f"mask={'causal_mask(3)' if causal else 'None'}) on fixed inputs, compared with the statement's formula: "
            f"head h takes the consecutive columns h*d:(h+1)*d (d = E // num_heads = {6 // heads}) of q, k and v, "
            f"and its scores are divided by sqrt(d) = sqrt({6 // heads}), the head width, not sqrt(E)"))


@kata.check(points=2)
@given(case=block_cases(), data=st.data())
def causal_attention_ignores_the_future(sub, ref, case, data):
    """With the causal mask, attention output at position t ignores tokens after t"""
    x = case["x"]
    N, T, E = x.shape
    Wq, Wk, Wv, Wo, h = _attn_args(case)
    mask = np.tril(np.ones((T, T), dtype=bool))
    out = _out(sub.multi_head_self_attention(x, Wq, Wk, Wv, Wo, h, mask=mask), x.shape, "attention output")
    cut = data.draw(st.integers(1, T), label="cut")
    x2 = x.copy()
    x2[:, cut:] = data.draw(kst.normal_arrays(x[:, cut:].shape), label="new tail")
    out2 = _out(sub.multi_head_self_attention(x2, Wq, Wk, Wv, Wo, h, mask=mask), x.shape, "attention output")
    assert_close(out2[:, :cut], out[:, :cut],
                 name=f"causal attention output at positions < {cut} after changing tokens {cut}.. (must not change)")


@kata.check(points=1)
@given(case=block_cases())
def feed_forward_follows_the_formula(sub, ref, case):
    """gelu uses the tanh approximation and feed_forward is act(x @ W1 + b1) @ W2 + b2"""
    z = np.array([-3.0, -1.0, 0.0, 0.5, 1.0, 2.0])
    assert_close(sub.gelu(z), np.array([-0.0036373920817729943, -0.15880800939172324, 0.0,
                                        0.34571400982514394, 0.8411919906082768, 1.954597694087775]),
                 name="gelu([-3, -1, 0, 0.5, 1, 2]) (tanh approximation)")
    p, x = case["params"], case["x"]
    pre = x @ p["W1"] + p["b1"]
    c = np.sqrt(2 / np.pi)
    for act, hidden in (("relu", np.maximum(pre, 0)), ("gelu", 0.5 * pre * (1 + np.tanh(c * (pre + 0.044715 * pre ** 3))))):
        got = sub.feed_forward(x, p["W1"], p["b1"], p["W2"], p["b2"], activation=act)
        assert_close(got, hidden @ p["W2"] + p["b2"], name=f"feed_forward(..., activation={act!r})")


@kata.check(points=2, large_enough=wide_enough_for_layer_norm)
@given(case=block_cases(), data=st.data())
def block_is_residual_and_causal(sub, ref, case, data):
    """transformer_block is the identity when Wo, W2 and b2 are zero, and its output at t ignores tokens after t"""
    x, p, h = case["x"], case["params"], case["heads"]
    T = x.shape[1]
    zeroed = dict(p, Wo=np.zeros_like(p["Wo"]), W2=np.zeros_like(p["W2"]), b2=np.zeros_like(p["b2"]))
    same = _out(sub.transformer_block(x, zeroed, h), x.shape, "transformer_block output")
    assert_close(same, x, name="transformer_block with Wo = 0, W2 = 0, b2 = 0 (both branches add 0 to the residual stream, "
                                "so the output must be x)")
    out = _out(sub.transformer_block(x, p, h), x.shape, "transformer_block output")
    cut = data.draw(st.integers(1, T), label="cut")
    x2 = x.copy()
    x2[:, cut:] = data.draw(kst.normal_arrays(x[:, cut:].shape), label="new tail")
    out2 = _out(sub.transformer_block(x2, p, h), x.shape, "transformer_block output")
    assert_close(out2[:, :cut], out[:, :cut],
                 name=f"transformer_block output at positions < {cut} after changing tokens {cut}.. (the block must be causal)")


def block_by_hand(x, p, heads, act):
    """The statement's pre-norm block written out, one head at a time: y = x + MHA(LN1(x)), y + FFN(LN2(y))."""
    def ln(z, name):
        mu, var = z.mean(axis=-1, keepdims=True), z.var(axis=-1, keepdims=True)
        return (z - mu) / np.sqrt(var + EPS) * p[f"{name}_gamma"] + p[f"{name}_beta"]

    T, E = x.shape[1], x.shape[2]
    d = E // heads
    a = ln(x, "ln1")
    q, k, v = a @ p["Wq"], a @ p["Wk"], a @ p["Wv"]
    future = np.triu(np.ones((T, T), dtype=bool), 1)          # key j > query i: not attended
    outputs = []
    for h in range(heads):
        cols = slice(h * d, (h + 1) * d)
        scores = np.where(future, -np.inf, q[..., cols] @ np.swapaxes(k[..., cols], 1, 2) / np.sqrt(d))
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        outputs.append(weights / weights.sum(axis=-1, keepdims=True) @ v[..., cols])
    y = x + np.concatenate(outputs, axis=-1) @ p["Wo"]
    pre = ln(y, "ln2") @ p["W1"] + p["b1"]
    gelu = 0.5 * pre * (1 + np.tanh(np.sqrt(2 / np.pi) * (pre + 0.044715 * pre ** 3)))
    hidden = np.maximum(pre, 0) if act == "relu" else gelu
    return y + hidden @ p["W2"] + p["b2"]


@kata.check(points=2, large_enough=wide_enough_for_layer_norm)
@given(case=block_cases(), act=st.sampled_from(["gelu", "relu"]))
def block_is_the_pre_norm_formula(sub, ref, case, act):
    """transformer_block equals y = x + MHA(LN1(x), causal), y + FFN(LN2(y)), written out in this check"""
    x, p, h = case["x"], case["params"], case["heads"]
    got = _out(sub.transformer_block(x, p, h, activation=act), x.shape, "transformer_block output")
    # the statement's formulas written out, not the learner's layer_norm, multi_head_self_attention and
    # feed_forward: a wrong part must fail its own check, not a transformer_block that does it right
    assert_close(got, block_by_hand(x, p, h, act),
                 name=f"transformer_block(x, params, {h}, activation={act!r}) against the statement's pre-norm block "
                      "(y = x + MHA(LN1(x)) with the causal mask, out = y + FFN(LN2(y)), computed in this check)")
