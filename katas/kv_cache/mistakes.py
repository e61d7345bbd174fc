"""Known mistakes of the kv_cache kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="no_mask_within_a_chunk",
        says="lets the new tokens of a chunk attend to every key, the later tokens of the same chunk included",
        culprits=("out",),
        edit=replace("    scores = np.where(allowed, scores, -np.inf)\n", ""),
    ),
    Mistake(
        id="token_cannot_see_itself",
        says="masks the diagonal too: a token attends to the earlier tokens but not to itself",
        culprits=("out", "attention_step"),
        edit=replace("allowed = np.arange(T)[None, :] <= (t0 + np.arange(S))[:, None]",
                     "allowed = np.arange(T)[None, :] < (t0 + np.arange(S))[:, None]"),
    ),
    Mistake(
        id="mask_ignores_cache_offset",
        says="builds the causal mask as if the new tokens started at position 0, forgetting the t cached ones",
        culprits=("out",),
        edit=replace("allowed = np.arange(T)[None, :] <= (t0 + np.arange(S))[:, None]",
                     "allowed = np.arange(T)[None, :] <= np.arange(S)[:, None]"),
    ),
    Mistake(
        id="scale_by_model_width",
        says="scales the scores by 1/sqrt(E) instead of 1/sqrt(dh), the width of a head",
        culprits=("out",),
        edit=replace("/ np.sqrt(dh)", "/ np.sqrt(E)"),
    ),
    Mistake(
        id="cache_not_appended",
        says="returns only the new keys and values as the cache instead of appending them to the old ones",
        culprits=("new_cache", "K", "out"),
        edit=replace("    return out, (K, V)", "    return out, (K[:, :, t0:], V[:, :, t0:])"),
    ),
    Mistake(
        id="temperature_multiplies",
        says="multiplies the logits by the temperature instead of dividing by it",
        culprits=("tokens",),
        edit=replace("z = logits / temperature", "z = logits * temperature"),
    ),
    Mistake(
        id="top_p_drops_crossing_token",
        says="top-p keeps only the tokens whose cumulative probability stays below p, dropping the one that crosses it",
        culprits=("tokens",),
        edit=replace("keep_sorted = before < top_p", "keep_sorted = (before + sorted_p < top_p) | (before == 0)"),
    ),
    Mistake(
        id="top_p_before_temperature",
        says="applies top-p to the probabilities before the temperature instead of after it",
        culprits=("tokens",),
        edit=(replace("        order = np.argsort(-p, axis=-1, kind=\"stable\")",
                      "        p0 = np.exp(logits - logits.max(axis=-1, keepdims=True))\n"
                      "        p0 = p0 / p0.sum(axis=-1, keepdims=True)\n"
                      "        order = np.argsort(-p0, axis=-1, kind=\"stable\")"),
              replace("sorted_p = np.take_along_axis(p, order, axis=-1)", "sorted_p = np.take_along_axis(p0, order, axis=-1)")),
    ),
    Mistake(
        id="top_k_ties_to_higher_index",
        says="top-k keeps the k largest logits with np.argsort(z)[-k:], so among ties the higher index wins",
        culprits=("tokens",),
        edit=replace("order = np.argsort(-z, axis=-1, kind=\"stable\")\n        drop = order[:, top_k:]",
                     "order = np.argsort(z, axis=-1, kind=\"stable\")\n        drop = order[:, : z.shape[-1] - top_k]"),
    ),
    Mistake(
        id="fresh_generator_every_step",
        says="generate makes a new np.random.default_rng(seed) at every step, so every step draws the same u",
        culprits=("tokens",),
        edit=replace("nxt = sample_logits(logits, rng.random(n), temperature, top_k, top_p)",
                     "nxt = sample_logits(logits, np.random.default_rng(seed).random(n), temperature, top_k, top_p)"),
    ),
]
