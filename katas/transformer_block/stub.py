"""A pre-norm, causal transformer block (forward only).

    y = x + MHA(LN1(x), causal mask)
    z = y + FFN(LN2(y))

Shapes: x is (N, T, E), batch first; heads are consecutive slices of E.
Read katas/transformer_block/README.md; grade with
``python grade.py --kata transformer_block``.
"""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    """Normalise over the last axis: (x - mean) / sqrt(var + eps) * gamma + beta.

    x: (..., E); gamma, beta: (E,). The variance is the biased one (divide by E).
    Returns an array of x's shape.
    """
    raise NotImplementedError


def causal_mask(T):
    """(T, T) bool mask, True where query position i may attend to key position j, i.e. j <= i."""
    raise NotImplementedError


def multi_head_self_attention(x, Wq, Wk, Wv, Wo, num_heads, mask=None):
    """Multi-head scaled dot-product self-attention, no biases.

    x: (N, T, E); Wq, Wk, Wv, Wo: (E, E); num_heads divides E; head h uses the
    columns h*d:(h+1)*d of q, k, v with d = E // num_heads.
    mask: None, or a (T, T) bool array, True where query i may attend to key j.
    scores = q_h @ k_h^T / sqrt(d), masked entries excluded from the softmax,
    out = concat(heads) @ Wo. Returns (N, T, E).
    """
    raise NotImplementedError


def gelu(x):
    """GELU, tanh approximation: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))."""
    raise NotImplementedError


def feed_forward(x, W1, b1, W2, b2, activation="gelu"):
    """Position-wise MLP: act(x @ W1 + b1) @ W2 + b2.

    x: (N, T, E), W1: (E, F), b1: (F,), W2: (F, E), b2: (E,);
    activation: "gelu" (tanh approximation) or "relu". Returns (N, T, E).
    """
    raise NotImplementedError


def transformer_block(x, params, num_heads, activation="gelu"):
    """One pre-norm causal transformer block.

    x: (N, T, E). params: dict with ln1_gamma, ln1_beta, ln2_gamma, ln2_beta (E,),
    Wq, Wk, Wv, Wo (E, E), W1 (E, F), b1 (F,), W2 (F, E), b2 (E,).
    y = x + MHA(LN1(x)) with the causal mask; returns y + FFN(LN2(y)), shape (N, T, E).
    """
    raise NotImplementedError
