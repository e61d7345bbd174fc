"""Known mistakes of the backprop kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="db_keepdims",
        says="affine_backward sums db over the batch with keepdims=True, returning shape (1, M) instead of (M,)",
        culprits=("db", "b1", "affine_backward", "mlp_loss"),
        edit=replace("db = dout.sum(axis=0)", "db = dout.sum(axis=0, keepdims=True)"),
    ),
    Mistake(
        id="dw_transposed",
        says="affine_backward returns dw in the (M, D) layout, dout.T @ x, instead of x.T @ dout",
        culprits=("dw", "W1", "affine_backward", "mlp_loss"),
        edit=replace("dw = x.T @ dout", "dw = dout.T @ x"),
    ),
    Mistake(
        id="loss_summed_not_averaged",
        says="softmax_loss sums the loss (and its gradient) over the batch instead of averaging over N",
        culprits=("softmax_loss", "mlp_loss"),
        edit=(
            replace("loss = -log_probs[rows, y].mean()", "loss = -log_probs[rows, y].sum()"),
            replace("    dscores /= n\n", ""),
        ),
    ),
    Mistake(
        id="mlp_relu_after_last_layer",
        says="mlp_loss applies ReLU to the scores of the last layer before the softmax loss",
        culprits=("mlp_loss",),
        edit=(
            replace(
                "    scores, last_cache = affine_forward(h, params[f\"W{n_layers}\"], params[f\"b{n_layers}\"])",
                "    scores, last_cache = affine_forward(h, params[f\"W{n_layers}\"], params[f\"b{n_layers}\"])\n"
                "    scores, last_relu_cache = relu_forward(scores)",
            ),
            replace(
                "    loss, dscores = softmax_loss(scores, y)",
                "    loss, dscores = softmax_loss(scores, y)\n"
                "    dscores = relu_backward(dscores, last_relu_cache)",
            ),
        ),
    ),
    Mistake(
        id="relu_mask_from_dout",
        says="relu_backward masks by the sign of the upstream gradient dout instead of the sign of the forward "
             "input x",
        culprits=("dx", "W1", "relu_backward"),
        edit=replace("return dout * (x > 0)", "return dout * (dout > 0)"),
    ),
    Mistake(
        id="softmax_no_max_shift",
        says="softmax_loss exponentiates the raw logits without subtracting the row maximum (overflows for large "
             "logits)",
        culprits=("softmax_loss",),
        edit=replace(
            "    shifted = scores - scores.max(axis=1, keepdims=True)\n"
            "    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))",
            "    exp_scores = np.exp(scores)\n"
            "    probs = exp_scores / exp_scores.sum(axis=1, keepdims=True)\n"
            "    log_probs = np.log(probs)",
        ),
    ),
    Mistake(
        id="layers_in_string_order",
        says="mlp_loss orders the layers by sorting the keys as strings, so W10 and W11 come right after W1",
        culprits=("mlp_loss",),
        edit=(
            replace("    n_layers = _n_layers(params)\n",
                    "    order = sorted(range(1, _n_layers(params) + 1), key=str)  # 1, 10, 11, 2, ..., 9\n"
                    "    n_layers = order[-1]\n"),
            replace("for layer in range(1, n_layers):", "for layer in order[:-1]:"),
            replace("    for layer in range(n_layers - 1, 0, -1):\n"
                    "        affine_cache, relu_cache = caches[layer - 1]\n",
                    "    for layer, (affine_cache, relu_cache) in reversed(list(zip(order, caches))):\n"),
        ),
    ),
]
