"""Mistake: the block calls attention without the causal mask, so tokens see the future."""
import numpy as np

GELU_C = np.sqrt(2.0 / np.pi)


def layer_norm(x, gamma, beta, eps=1e-5):
    """Normalise over the last axis: (x - mean) / sqrt(var + eps) * gamma + beta.

    x: (..., E); gamma, beta: (E,). The variance is the biased one (divide by E).
    Returns an array of x's shape.
    """
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * gamma + beta


def causal_mask(T):
    """(T, T) bool mask, True where query position i may attend to key position j, i.e. j <= i."""
    return np.tril(np.ones((T, T), dtype=bool))


def _softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def multi_head_self_attention(x, Wq, Wk, Wv, Wo, num_heads, mask=None):
    """Multi-head scaled dot-product self-attention, no biases.

    x: (N, T, E); Wq, Wk, Wv, Wo: (E, E); num_heads divides E; head h uses the
    columns h*d:(h+1)*d of q, k, v with d = E // num_heads.
    mask: None, or a (T, T) bool array, True where query i may attend to key j.
    scores = q_h @ k_h^T / sqrt(d), masked entries excluded from the softmax,
    out = concat(heads) @ Wo. Returns (N, T, E).
    """
    N, T, E = x.shape
    d = E // num_heads
    split = lambda m: m.reshape(N, T, num_heads, d).transpose(0, 2, 1, 3)  # (N, heads, T, d)
    q, k, v = split(x @ Wq), split(x @ Wk), split(x @ Wv)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)  # (N, heads, T, T)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    heads = _softmax(scores) @ v  # (N, heads, T, d)
    return heads.transpose(0, 2, 1, 3).reshape(N, T, E) @ Wo


def gelu(x):
    """GELU, tanh approximation: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x**3)))."""
    return 0.5 * x * (1.0 + np.tanh(GELU_C * (x + 0.044715 * x ** 3)))


def feed_forward(x, W1, b1, W2, b2, activation="gelu"):
    """Position-wise MLP: act(x @ W1 + b1) @ W2 + b2.

    x: (N, T, E), W1: (E, F), b1: (F,), W2: (F, E), b2: (E,);
    activation: "gelu" (tanh approximation) or "relu". Returns (N, T, E).
    """
    hidden = x @ W1 + b1
    if activation == "gelu":
        hidden = gelu(hidden)
    elif activation == "relu":
        hidden = np.maximum(hidden, 0.0)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    return hidden @ W2 + b2


def transformer_block(x, params, num_heads, activation="gelu"):
    """One pre-norm causal transformer block.

    x: (N, T, E). params: dict with ln1_gamma, ln1_beta, ln2_gamma, ln2_beta (E,),
    Wq, Wk, Wv, Wo (E, E), W1 (E, F), b1 (F,), W2 (F, E), b2 (E,).
    y = x + MHA(LN1(x)) with the causal mask; returns y + FFN(LN2(y)), shape (N, T, E).
    """
    p = params
    T = x.shape[1]
    a = layer_norm(x, p["ln1_gamma"], p["ln1_beta"])
    y = x + multi_head_self_attention(a, p["Wq"], p["Wk"], p["Wv"], p["Wo"], num_heads)
    m = layer_norm(y, p["ln2_gamma"], p["ln2_beta"])
    return y + feed_forward(m, p["W1"], p["b1"], p["W2"], p["b2"], activation)
