"""Reference solution of the ``gpt_capstone`` kata: a tiny decoder-only transformer, trained on characters."""
from __future__ import annotations

import numpy as np

EPS = 1e-5


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
    V, E, F = config["vocab"], config["width"], config["hidden"]
    rng = np.random.default_rng(seed)
    shapes = {"embed": (V, E), "Wq": (E, E), "Wk": (E, E), "Wv": (E, E), "Wo": (E, E),
              "W1": (E, F), "W2": (F, E), "W_out": (E, V)}
    params = {name: rng.normal(0.0, 0.02, shape) for name, shape in shapes.items()}
    for ln in ("ln1", "ln2", "lnf"):
        params[f"{ln}_gamma"], params[f"{ln}_beta"] = np.ones(E), np.zeros(E)
    params["b1"], params["b2"] = np.zeros(F), np.zeros(E)
    return params


def positional_encoding(T, d):
    """Sinusoidal encoding of positions 0..T-1, interleaved: column j is sin (j even) or cos (j odd) of
    pos / 10000 ** (2 (j // 2) / d)."""
    j = np.arange(d)
    angles = np.arange(T)[:, None] * 10000.0 ** (-(2 * (j // 2)) / d)
    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))


def _ln_forward(x, gamma, beta):
    mean = x.mean(axis=-1, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=-1, keepdims=True) + EPS)
    x_hat = (x - mean) * inv_std
    return x_hat * gamma + beta, (x_hat, gamma, inv_std)


def _ln_backward(dout, cache):
    x_hat, gamma, inv_std = cache
    axes = tuple(range(dout.ndim - 1))
    dgamma, dbeta = (dout * x_hat).sum(axis=axes), dout.sum(axis=axes)
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=-1, keepdims=True)
                    - x_hat * (dx_hat * x_hat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta


def _split(a, h):  # (N, T, E) -> (N, h, T, dh)
    N, T, E = a.shape
    return a.reshape(N, T, h, E // h).transpose(0, 2, 1, 3)


def _merge(a):  # (N, h, T, dh) -> (N, T, E)
    N, h, T, dh = a.shape
    return a.transpose(0, 2, 1, 3).reshape(N, T, h * dh)


def _attention_forward(x, p, h):
    """Causal multi-head self-attention, heads on consecutive columns, scores scaled by 1/sqrt(dh)."""
    T = x.shape[1]
    q, k, v = _split(x @ p["Wq"], h), _split(x @ p["Wk"], h), _split(x @ p["Wv"], h)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    heads = _merge(weights @ v)
    return heads @ p["Wo"], (x, q, k, v, weights, heads)


def _attention_backward(dout, cache, p, h):
    x, q, k, v, weights, heads = cache
    grads = {"Wo": np.einsum("nti,ntj->ij", heads, dout)}
    dheads = _split(dout @ p["Wo"].T, h)
    dv = weights.transpose(0, 1, 3, 2) @ dheads
    dweights = dheads @ v.transpose(0, 1, 3, 2)
    dscores = weights * (dweights - (dweights * weights).sum(axis=-1, keepdims=True)) / np.sqrt(q.shape[-1])
    dq, dk = dscores @ k, dscores.transpose(0, 1, 3, 2) @ q
    dx = 0.0
    for name, d in (("Wq", dq), ("Wk", dk), ("Wv", dv)):
        d = _merge(d)
        grads[name] = np.einsum("nti,ntj->ij", x, d)
        dx = dx + d @ p[name].T
    return dx, grads


def gpt_forward(idx, params, config):
    """Logits of the next token at every position.

    Args:
        idx: (N, T) int tokens, T <= config["context"]. params: as init_gpt. config: as init_gpt.

    Returns:
        logits: (N, T, V); cache: whatever gpt_backward needs.
    """
    p, h = params, config["heads"]
    N, T = idx.shape
    x0 = p["embed"][idx] + positional_encoding(T, p["embed"].shape[1])
    a, ln1 = _ln_forward(x0, p["ln1_gamma"], p["ln1_beta"])
    att, att_cache = _attention_forward(a, p, h)
    x1 = x0 + att
    b, ln2 = _ln_forward(x1, p["ln2_gamma"], p["ln2_beta"])
    z = b @ p["W1"] + p["b1"]
    r = np.maximum(z, 0)
    x2 = x1 + r @ p["W2"] + p["b2"]
    f, lnf = _ln_forward(x2, p["lnf_gamma"], p["lnf_beta"])
    logits = f @ p["W_out"]
    return logits, (idx, p, h, ln1, att_cache, ln2, b, z, r, lnf, f)


def gpt_backward(dlogits, cache):
    """Gradients of every parameter, given the upstream gradient dlogits (N, T, V).

    Returns:
        grads: dict with the keys and shapes of params.
    """
    idx, p, h, ln1, att_cache, ln2, b, z, r, lnf, f = cache
    g = {"W_out": np.einsum("nte,ntv->ev", f, dlogits)}
    dx2, g["lnf_gamma"], g["lnf_beta"] = _ln_backward(dlogits @ p["W_out"].T, lnf)
    g["W2"], g["b2"] = np.einsum("ntf,nte->fe", r, dx2), dx2.sum(axis=(0, 1))
    dz = (dx2 @ p["W2"].T) * (z > 0)
    g["W1"], g["b1"] = np.einsum("nte,ntf->ef", b, dz), dz.sum(axis=(0, 1))
    db, g["ln2_gamma"], g["ln2_beta"] = _ln_backward(dz @ p["W1"].T, ln2)
    dx1 = dx2 + db
    da, att_grads = _attention_backward(dx1, att_cache, p, h)
    g.update(att_grads)
    dx0_ln, g["ln1_gamma"], g["ln1_beta"] = _ln_backward(da, ln1)
    dx0 = dx1 + dx0_ln
    g["embed"] = np.zeros_like(p["embed"])
    np.add.at(g["embed"], idx, dx0)
    return g


def gpt_loss(idx, targets, params, config):
    """Mean cross-entropy of the next-token predictions over every position of every sequence.

    Args:
        idx, targets: (N, T) int tokens; targets[n, t] is the token that follows idx[n, t].

    Returns:
        loss: float, -mean over (n, t) of log softmax(logits[n, t])[targets[n, t]]; grads: dict like params.
    """
    logits, cache = gpt_forward(idx, params, config)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    N, T = idx.shape
    n, t = np.meshgrid(np.arange(N), np.arange(T), indexing="ij")
    loss = -log_probs[n, t, targets].mean()
    dlogits = np.exp(log_probs)
    dlogits[n, t, targets] -= 1
    return float(loss), gpt_backward(dlogits / (N * T), cache)


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
    vocab = sorted(set(text))
    ids = np.array([vocab.index(c) for c in text])
    T = config["context"]
    params = init_gpt(config, seed)
    rng = np.random.default_rng(seed + 1)
    m = {k: np.zeros_like(v) for k, v in params.items()}
    s = {k: np.zeros_like(v) for k, v in params.items()}
    losses = []
    for step in range(1, steps + 1):
        starts = rng.integers(0, len(ids) - T, batch_size)
        idx = np.stack([ids[a:a + T] for a in starts])
        targets = np.stack([ids[a + 1:a + T + 1] for a in starts])
        loss, grads = gpt_loss(idx, targets, params, config)
        losses.append(loss)
        for k in params:
            m[k] = 0.9 * m[k] + 0.1 * grads[k]
            s[k] = 0.999 * s[k] + 0.001 * grads[k] ** 2
            m_hat, s_hat = m[k] / (1 - 0.9 ** step), s[k] / (1 - 0.999 ** step)
            params[k] = params[k] - lr * m_hat / (np.sqrt(s_hat) + 1e-8)
    return params, losses


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
    rng = np.random.default_rng(seed)
    ids = [vocab.index(c) for c in prompt]
    for _ in range(n_new):
        window = np.array([ids[-config["context"]:]])
        logits = gpt_forward(window, params, config)[0][0, -1]
        if temperature == 0:
            nxt = int(np.argmax(logits))
        else:
            z = logits / temperature
            probs = np.exp(z - z.max())
            probs /= probs.sum()
            nxt = min(int((np.cumsum(probs) <= rng.random()).sum()), len(vocab) - 1)
        ids.append(nxt)
    return "".join(vocab[i] for i in ids)
