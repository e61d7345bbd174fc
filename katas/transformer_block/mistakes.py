"""Known mistakes of the transformer_block kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="gelu_sigmoid_approximation",
        says="GELU computed with the sigmoid approximation x * sigmoid(1.702 x) instead of the tanh formula",
        culprits=("gelu", "feed_forward", "transformer_block"),
        edit=replace("return 0.5 * x * (1.0 + np.tanh(GELU_C * (x + 0.044715 * x ** 3)))",
                "return x / (1.0 + np.exp(-1.702 * x))"),
    ),
    Mistake(
        id="interleaved_heads",
        says="heads take every num_heads-th column (strided) instead of consecutive slices of E",
        culprits=("attention", "transformer_block", "multi_head_self_attention"),
        edit=(
            replace(
                "split = lambda m: m.reshape(N, T, num_heads, d).transpose(0, 2, 1, 3)  # (N, heads, T, d)",
                "split = lambda m: m.reshape(N, T, d, num_heads).transpose(0, 3, 1, 2)  # (N, heads, T, d)",
            ),
            replace("return heads.transpose(0, 2, 1, 3).reshape(N, T, E) @ Wo",
                    "return heads.transpose(0, 2, 3, 1).reshape(N, T, E) @ Wo"),
        ),
    ),
    Mistake(
        id="layer_norm_over_axis_1",
        says="layer norm statistics are taken over axis=1 (the time axis of (N, T, E)) instead of the last axis",
        culprits=("mean", "transformer_block", "layer_norm"),
        edit=replace(
            "    mu = x.mean(axis=-1, keepdims=True)\n"
            "    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)",
            "    mu = x.mean(axis=1, keepdims=True)\n"
            "    var = ((x - mu) ** 2).mean(axis=1, keepdims=True)",
        ),
    ),
    Mistake(
        id="missing_attention_residual",
        says="the attention branch replaces x instead of being added to it (no residual around attention)",
        culprits=("transformer_block",),
        edit=replace(
            "y = x + multi_head_self_attention(a, p[\"Wq\"], p[\"Wk\"], p[\"Wv\"], p[\"Wo\"], num_heads, mask=causal_mask(T))",
            "y = multi_head_self_attention(a, p[\"Wq\"], p[\"Wk\"], p[\"Wv\"], p[\"Wo\"], num_heads, mask=causal_mask(T))",
        ),
    ),
    Mistake(
        id="no_causal_mask_in_block",
        says="the block calls attention without the causal mask, so tokens see the future",
        culprits=("transformer_block",),
        edit=replace(
            "y = x + multi_head_self_attention(a, p[\"Wq\"], p[\"Wk\"], p[\"Wv\"], p[\"Wo\"], num_heads, mask=causal_mask(T))",
            "y = x + multi_head_self_attention(a, p[\"Wq\"], p[\"Wk\"], p[\"Wv\"], p[\"Wo\"], num_heads)",
        ),
    ),
    Mistake(
        id="post_norm",
        says="post-norm instead of pre-norm: layer norm applied after each residual sum, LN1(x + MHA(x))",
        culprits=("transformer_block",),
        edit=replace(
            "    a = layer_norm(x, p[\"ln1_gamma\"], p[\"ln1_beta\"])\n"
            "    y = x + multi_head_self_attention(a, p[\"Wq\"], p[\"Wk\"], p[\"Wv\"], p[\"Wo\"], num_heads, mask=causal_mask(T))\n"
            "    m = layer_norm(y, p[\"ln2_gamma\"], p[\"ln2_beta\"])\n"
            "    return y + feed_forward(m, p[\"W1\"], p[\"b1\"], p[\"W2\"], p[\"b2\"], activation)",
            "    y = layer_norm(x + multi_head_self_attention(x, p[\"Wq\"], p[\"Wk\"], p[\"Wv\"], p[\"Wo\"], num_heads, mask=causal_mask(T)),\n"
            "                   p[\"ln1_gamma\"], p[\"ln1_beta\"])\n"
            "    return layer_norm(y + feed_forward(y, p[\"W1\"], p[\"b1\"], p[\"W2\"], p[\"b2\"], activation), p[\"ln2_gamma\"], p[\"ln2_beta\"])",
        ),
    ),
    Mistake(
        id="scale_by_embed_dim",
        says="attention scores are divided by sqrt(E) (the model width) instead of sqrt(d) (the head width)",
        culprits=("attention", "transformer_block", "multi_head_self_attention"),
        edit=replace("scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)  # (N, heads, T, T)",
                "scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(E)  # (N, heads, T, T)"),
    ),
]
MISTAKES += [
    Mistake(
        id="causal_mask_excludes_diagonal",
        says="causal_mask is True strictly below the diagonal (np.tril(..., k=-1)), so a token cannot attend to "
             "itself and the first token attends to nothing",
        culprits=("causal_mask",),
        edit=replace("return np.tril(np.ones((T, T), dtype=bool))", "return np.tril(np.ones((T, T), dtype=bool), k=-1)"),
    ),
]
