"""Kata ``kv_cache``: incremental causal self-attention with a key/value cache; greedy, temperature, top-k and top-p sampling.

Read katas/kv_cache/README.md for the statement and katas/kv_cache/hints.md if stuck.
Grade with ``python grade.py --kata kv_cache``.
"""
from __future__ import annotations

import numpy as np


def empty_cache(n, num_heads, head_dim):
    """The cache before any token: keys and values of length 0.

    Returns:
        (K, V): two float64 arrays of shape (n, num_heads, 0, head_dim).
    """
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError
