"""Known mistakes of the attention kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="backward_without_softmax_subtraction",
        says="the softmax Jacobian in the backward drops its subtraction term: dscores = w * dw",
        culprits=("On", "attention_backward"),
        edit=replace("dscores = weights * (dweights - np.sum(dweights * weights, axis=-1, keepdims=True))",
                "dscores = weights * dweights"),
    ),
    Mistake(
        id="heads_interleaved",
        says="heads take interleaved columns (j, j+h, j+2h, ...) instead of consecutive slices",
        culprits=("multi_head_self_attention",),
        edit=(
            replace("return a.reshape(N, T, num_heads, dh).transpose(0, 2, 1, 3)",
                    "return a.reshape(N, T, dh, num_heads).transpose(0, 3, 1, 2)"),
            replace("concat = heads.transpose(0, 2, 1, 3).reshape(N, T, E)",
                    "concat = heads.transpose(0, 2, 3, 1).reshape(N, T, E)"),
        ),
    ),
    Mistake(
        id="heads_scaled_by_model_width",
        says="multi-head attention scales every head's scores by 1/sqrt(E) instead of 1/sqrt(E // num_heads)",
        culprits=("multi_head_self_attention",),
        edit=replace("heads, _ = attention_forward(q, k, v, mask)",
                "heads, _ = attention_forward(q * np.sqrt(dh / E), k, v, mask)"),
    ),
    Mistake(
        id="mask_after_softmax",
        says="the mask zeroes the weights after the softmax, without renormalising the rows",
        culprits=("On", "attention_forward", "attention_backward"),
        edit=(
            replace("    if mask is not None:\n        scores = np.where(mask, scores, -np.inf)\n", ""),
            replace(
                "    weights = e / e.sum(axis=-1, keepdims=True)",
                "    weights = e / e.sum(axis=-1, keepdims=True)\n"
                "    if mask is not None:\n"
                "        weights = weights * mask",
            ),
        ),
    ),
    Mistake(
        id="mask_inverted",
        says="the mask's polarity is inverted: True is treated as 'may not attend'",
        culprits=("On", "attention_forward", "attention_backward"),
        edit=replace("scores = np.where(mask, scores, -np.inf)", "scores = np.where(mask, -np.inf, scores)"),
    ),
    Mistake(
        id="no_scale",
        says="scores are q @ k^T without the 1/sqrt(d) scale (backward consistent with it)",
        culprits=("attention_forward", "attention_backward", "multi_head_self_attention"),
        edit=replace("scale = 1.0 / np.sqrt(d)", "scale = 1.0"),
    ),
    Mistake(
        id="softmax_over_queries",
        says="the softmax is taken over the query axis (-2) instead of the key axis (-1)",
        culprits=("attention_forward", "On", "attention_backward"),
        edit=(
            replace("scores = scores - scores.max(axis=-1, keepdims=True)",
                    "scores = scores - scores.max(axis=-2, keepdims=True)"),
            replace("weights = e / e.sum(axis=-1, keepdims=True)",
                    "weights = e / e.sum(axis=-2, keepdims=True)"),
            replace("dscores = weights * (dweights - np.sum(dweights * weights, axis=-1, keepdims=True))",
                    "dscores = weights * (dweights - np.sum(dweights * weights, axis=-2, keepdims=True))"),
        ),
    ),
    Mistake(
        id="unstable_softmax",
        says="the softmax exponentiates the raw scores without subtracting each row's maximum (overflows)",
        culprits=("On", "attention_forward"),
        edit=(
            replace(
                "    scores = (q @ np.swapaxes(k, -1, -2)) * scale",
                "    scores = (q @ np.swapaxes(k, -1, -2)) * scale\n"
                "    e = np.exp(scores)",
            ),
            replace(
                "        scores = np.where(mask, scores, -np.inf)\n"
                "    scores = scores - scores.max(axis=-1, keepdims=True)\n"
                "    e = np.exp(scores)",
                "        e = np.where(mask, e, 0.0)",
            ),
        ),
    ),
    Mistake(
        id="mask_by_boolean_indexing",
        says="masks with scores[~mask] = -inf, which only works when the mask has the scores' full shape (no "
             "broadcasting of a (Tq, Tk) or padding mask)",
        culprits=("attention_forward", "out"),
        edit=replace("scores = np.where(mask, scores, -np.inf)", "scores[~mask] = -np.inf"),
    ),
    Mistake(
        id="keys_transposed_with_T",
        says="transposes the keys with k.T, which reverses every axis, not only the last two, once there are batch "
             "axes",
        culprits=("attention_forward", "out"),
        edit=replace("scores = (q @ np.swapaxes(k, -1, -2)) * scale", "scores = (q @ k.T) * scale"),
    ),
]
