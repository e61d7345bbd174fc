"""Kata ``gpt_capstone``: a tiny decoder-only transformer (GPT), trained on characters, and text generation.

Read katas/gpt_capstone/README.md for the statement and katas/gpt_capstone/hints.md if stuck.
Grade with ``python grade.py --kata gpt_capstone``.
"""
from __future__ import annotations

import numpy as np

# You may reuse your own code from the katas this one builds on: the folder of this file is on the import
# path when it is graded, e.g.  from attention import attention_forward, attention_backward  (see the README).


def init_gpt(config, seed):
    """Parameters of a one-block GPT.

    Args:
        config: dict with "vocab" V, "context" T, "width" E, "heads" h (E % h == 0), "hidden" F.
        seed: the seed of np.random.default_rng.

    Returns:
        params: dict of float64 arrays: "embed" (V, E); "ln1_gamma", "ln1_beta", "ln2_gamma", "ln2_beta",
        "lnf_gamma", "lnf_beta" (E,); "Wq", "Wk", "Wv", "Wo" (E, E); "W1" (E, F), "b1" (F,); "W2" (F, E),
        "b2" (E,); "W_out" (E, V). Every matrix is drawn from N(0, 0.02^2); gammas are 1, betas and biases 0.
    """
    raise NotImplementedError


def positional_encoding(T, d):
    """Sinusoidal encoding of positions 0..T-1, interleaved: column j is sin (j even) or cos (j odd) of
    pos / 10000 ** (2 (j // 2) / d)."""
    raise NotImplementedError


def gpt_forward(idx, params, config):
    """Logits of the next token at every position.

    Args:
        idx: (N, T) int tokens, T <= config["context"]. params: as init_gpt. config: as init_gpt.

    Returns:
        logits: (N, T, V); cache: whatever gpt_backward needs.
    """
    raise NotImplementedError


def gpt_backward(dlogits, cache):
    """Gradients of every parameter, given the upstream gradient dlogits (N, T, V).

    Returns:
        grads: dict with the keys and shapes of params.
    """
    raise NotImplementedError


def gpt_loss(idx, targets, params, config):
    """Mean cross-entropy of the next-token predictions over every position of every sequence.

    Args:
        idx, targets: (N, T) int tokens; targets[n, t] is the token that follows idx[n, t].

    Returns:
        loss: float, -mean over (n, t) of log softmax(logits[n, t])[targets[n, t]]; grads: dict like params.
    """
    raise NotImplementedError


def train_gpt(text, config, seed, steps=200, batch_size=8, lr=2e-2):
    """Train on the characters of text with Adam.

    The vocabulary is sorted(set(text)) (config["vocab"] is its size); each character becomes its index.
    params = init_gpt(config, seed); rng = np.random.default_rng(seed + 1). Each step draws
    starts = rng.integers(0, len(text) - T, batch_size) (T = config["context"]), takes idx = ids[s : s + T]
    and targets = ids[s + 1 : s + T + 1] for each start, and updates every parameter with Adam
    (beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected, the learning rate lr) from gpt_loss's gradients.

    Returns:
        params: the trained parameters; losses: list of the loss of every step (before its update).
    """
    raise NotImplementedError


def generate(params, config, vocab, prompt, n_new, seed, temperature=1.0):
    """Continue prompt by n_new characters.

    Args:
        vocab: str, the characters of the vocabulary in order (index i is vocab[i]). prompt: a non-empty str of
        characters of vocab. seed: rng = np.random.default_rng(seed), made once.
        temperature: 0 means greedy (argmax, the lowest index among ties).

    Each new character: run gpt_forward on the last config["context"] tokens at most, take the logits of the
    last position; if temperature > 0, p = softmax(logits / temperature), u = rng.random(), and the token is
    the first index whose cumulative probability exceeds u (u is drawn only when temperature > 0).

    Returns:
        text: prompt followed by the n_new characters.
    """
    raise NotImplementedError
