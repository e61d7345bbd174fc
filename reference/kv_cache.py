"""Reference solution of the ``kv_cache`` kata: incremental causal self-attention with a key/value cache, sampling."""
from __future__ import annotations

import numpy as np


def empty_cache(n, num_heads, head_dim):
    """The cache before any token: keys and values of length 0.

    Returns:
        (K, V): two float64 arrays of shape (n, num_heads, 0, head_dim).
    """
    return np.zeros((n, num_heads, 0, head_dim)), np.zeros((n, num_heads, 0, head_dim))


def attention_step(x_new, cache, Wq, Wk, Wv, Wo, num_heads):
    """Causal multi-head self-attention of S new tokens that follow the t tokens already in the cache.

    Args:
        x_new: (N, S, E) the new tokens, S >= 1 (a whole prompt, or one generated token).
        cache: (K, V), each (N, h, t, dh), the keys and values of the t earlier tokens (t = 0 at the start).
        Wq, Wk, Wv, Wo: (E, E) projections; h = num_heads, dh = E // h, heads are consecutive column slices.
        num_heads: h.

    Returns:
        out: (N, S, E), what full causal self-attention over all t + S tokens gives at the S new positions.
        new_cache: (K', V'), each (N, h, t + S, dh): the old keys and values followed by the new ones.
    """
    N, S, E = x_new.shape
    dh = E // num_heads

    def split(a):  # (N, S, E) -> (N, h, S, dh)
        return a.reshape(N, S, num_heads, dh).transpose(0, 2, 1, 3)

    q = split(x_new @ Wq)
    K = np.concatenate([cache[0], split(x_new @ Wk)], axis=2)
    V = np.concatenate([cache[1], split(x_new @ Wv)], axis=2)
    T = K.shape[2]
    t0 = T - S
    scores = q @ K.transpose(0, 1, 3, 2) / np.sqrt(dh)                     # (N, h, S, T)
    allowed = np.arange(T)[None, :] <= (t0 + np.arange(S))[:, None]        # new token i sits at position t0 + i
    scores = np.where(allowed, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    heads = weights @ V                                                    # (N, h, S, dh)
    out = heads.transpose(0, 2, 1, 3).reshape(N, S, E) @ Wo
    return out, (K, V)


def sample_logits(logits, u, temperature=1.0, top_k=None, top_p=None):
    """Choose one token per row of logits.

    Args:
        logits: (N, V) float64.
        u: (N,) uniform numbers in [0, 1), one per row: the randomness, given.
        temperature: >= 0; 0 means greedy (argmax, the lowest index among ties; u is ignored).
        top_k: None, or keep only the k largest logits (ties: the lower index first).
        top_p: None, or keep the smallest set of most probable tokens whose probabilities sum to >= top_p
            (sorted by probability, ties: the lower index first; at least one token).

    Returns:
        tokens: (N,) int64. Temperature first (logits / temperature), then top-k, then the softmax, then top-p,
        renormalise; the token is the first index v (in vocabulary order) with cumsum(p)[v] > u.
    """
    logits = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        return np.argmax(logits, axis=-1).astype(np.int64)
    z = logits / temperature
    if top_k is not None:
        order = np.argsort(-z, axis=-1, kind="stable")
        drop = order[:, top_k:]
        z = z.copy()
        np.put_along_axis(z, drop, -np.inf, axis=-1)
    z = z - z.max(axis=-1, keepdims=True)
    p = np.exp(z)
    p = p / p.sum(axis=-1, keepdims=True)
    if top_p is not None:
        order = np.argsort(-p, axis=-1, kind="stable")
        sorted_p = np.take_along_axis(p, order, axis=-1)
        before = np.cumsum(sorted_p, axis=-1) - sorted_p       # the mass of the tokens ranked above
        keep_sorted = before < top_p                           # the first token is always kept
        keep = np.zeros_like(keep_sorted)
        np.put_along_axis(keep, order, keep_sorted, axis=-1)
        p = np.where(keep, p, 0.0)
        p = p / p.sum(axis=-1, keepdims=True)
    cdf = np.cumsum(p, axis=-1)
    tokens = (cdf <= np.asarray(u)[:, None]).sum(axis=-1)
    last_possible = p.shape[-1] - 1 - np.argmax(p[:, ::-1] > 0, axis=-1)
    return np.minimum(tokens, last_possible).astype(np.int64)


def generate(prompt, params, num_heads, n_new, seed, temperature=1.0, top_k=None, top_p=None):
    """Extend each prompt by n_new tokens with a one-layer toy model and the key/value cache.

    Args:
        prompt: (N, P) int tokens, P >= 1.
        params: dict with "embed" (V, E) and "Wq", "Wk", "Wv", "Wo" (E, E).
        num_heads: h. n_new: how many tokens to add (>= 0). seed: the seed of np.random.default_rng.
        temperature, top_k, top_p: as in sample_logits.

    The model: h = embed[tokens]; y = h + attention(h) (causal); logits = y @ embed.T. The prompt goes
    through attention_step once; then each new token goes through it alone, with the cache.
    At every new token, u = rng.random(N) is drawn (even when greedy) and the token is
    sample_logits(logits of the last position, u, ...).

    Returns:
        tokens: (N, P + n_new) int64, the prompt followed by the new tokens.
    """
    embed = params["embed"]
    weights = (params["Wq"], params["Wk"], params["Wv"], params["Wo"])
    rng = np.random.default_rng(seed)
    tokens = np.asarray(prompt, dtype=np.int64)
    n, e = tokens.shape[0], embed.shape[1]
    cache = empty_cache(n, num_heads, e // num_heads)
    h = embed[tokens]
    for _ in range(n_new):
        out, cache = attention_step(h, cache, *weights, num_heads)
        logits = (h + out)[:, -1] @ embed.T
        nxt = sample_logits(logits, rng.random(n), temperature, top_k, top_p)
        tokens = np.concatenate([tokens, nxt[:, None]], axis=1)
        h = embed[nxt][:, None, :]
    return tokens
