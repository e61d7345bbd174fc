"""Known mistakes of the gpt_capstone kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="no_causal_mask",
        says="attention has no causal mask, so every position sees the tokens after it (and the next token itself)",
        culprits=("logits",),
        edit=replace("    scores = np.where(np.tril(np.ones((T, T), dtype=bool)), scores, -np.inf)\n", ""),
    ),
    Mistake(
        id="scores_scaled_by_width",
        says="scales the attention scores by 1/sqrt(E), the model width, instead of 1/sqrt(dh), a head's width",
        culprits=("logits",),
        edit=replace("np.sqrt(q.shape[-1])", "np.sqrt(x.shape[-1])", count=2),
    ),
    Mistake(
        id="no_positional_encoding",
        says="leaves out the positional encoding: x = embed[idx] only",
        culprits=("logits",),
        edit=replace('x0 = p["embed"][idx] + positional_encoding(T, p["embed"].shape[1])', 'x0 = p["embed"][idx]'),
    ),
    Mistake(
        id="embedding_gradient_buffered",
        says="the embedding's gradient uses dW[idx] += dout, which counts a repeated token once",
        culprits=("dembed",),
        edit=replace('np.add.at(g["embed"], idx, dx0)', 'g["embed"][idx] += dx0'),
    ),
    Mistake(
        id="loss_summed_over_positions",
        says="the loss sums over the positions and averages over the sequences only",
        culprits=("loss",),
        edit=(replace("loss = -log_probs[n, t, targets].mean()", "loss = -log_probs[n, t, targets].sum(axis=1).mean()"),
              replace("gpt_backward(dlogits / (N * T), cache)", "gpt_backward(dlogits / N, cache)")),
    ),
    Mistake(
        id="layernorm_backward_constant_stats",
        says="the layer norms' backward treats the mean and the variance as constants",
        culprits=("dln1_gamma", "dWq", "dembed"),
        edit=replace('''    dx = inv_std * (dx_hat - dx_hat.mean(axis=-1, keepdims=True)
                    - x_hat * (dx_hat * x_hat).mean(axis=-1, keepdims=True))''', "    dx = inv_std * dx_hat"),
    ),
    Mistake(
        id="residual_gradient_dropped",
        says="the backward of the attention's residual branch forgets the skip path: dx0 gets only the branch's gradient",
        culprits=("dembed",),
        edit=replace("dx0 = dx1 + dx0_ln", "dx0 = dx0_ln"),
    ),
    Mistake(
        id="generation_not_cropped",
        says="generate feeds the whole text so far instead of the last `context` tokens",
        culprits=("text",),
        edit=replace('window = np.array([ids[-config["context"]:]])', "window = np.array([ids])"),
    ),
    Mistake(
        id="adam_eps_inside_sqrt",
        says="adds Adam's eps inside the square root, sqrt(v_hat + eps), instead of after it",
        culprits=("losses",),
        edit=replace("np.sqrt(s_hat) + 1e-8", "np.sqrt(s_hat + 1e-8)"),
    ),
    Mistake(
        id="batches_drawn_with_seed",
        says="draws the training batches from default_rng(seed) instead of default_rng(seed + 1)",
        culprits=("losses",),
        edit=replace("    rng = np.random.default_rng(seed + 1)\n", "    rng = np.random.default_rng(seed)\n"),
    ),
    Mistake(
        id="batch_starts_one_short",
        says="draws the batch starts from rng.integers(0, len(text) - T - 1) instead of len(text) - T",
        culprits=("losses",),
        edit=replace("rng.integers(0, len(ids) - T, batch_size)", "rng.integers(0, len(ids) - T - 1, batch_size)"),
    ),
]
