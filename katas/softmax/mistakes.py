"""Known mistakes of the softmax kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="global_max_shift",
        says="subtracts the max of the whole array instead of each row's max, so rows far below it underflow to "
             "0/0",
        culprits=("softmax", "log_softmax", "loss"),
        edit=replace("shifted = z - z.max(axis=1, keepdims=True)", "shifted = z - z.max()", count=2),
    ),
    Mistake(
        id="gradient_not_divided_by_n",
        says="dlogits is softmax - onehot, without the 1/N of the mean over the batch",
        culprits=("dlogits", "cross_entropy"),
        edit=replace("return loss, dlogits / n", "return loss, dlogits"),
    ),
    Mistake(
        id="log_of_softmax",
        says="log_softmax computed as np.log(softmax(z)), which is -inf where the softmax underflows to 0",
        culprits=("log_softmax",),
        edit=replace(
            "    shifted = z - z.max(axis=1, keepdims=True)\n"
            "    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))",
            "    return np.log(softmax(z))",
        ),
    ),
    Mistake(
        id="loss_summed_not_averaged",
        says="the loss sums over the batch instead of averaging (while dlogits is the gradient of the mean)",
        culprits=("loss", "dlogits", "cross_entropy"),
        edit=replace("loss = -float(np.mean(logp[rows, y]))", "loss = -float(np.sum(logp[rows, y]))"),
    ),
    Mistake(
        id="no_max_shift",
        says="softmax and log_softmax exponentiate the raw logits without subtracting the row max, so exp "
             "overflows",
        culprits=("softmax", "log_softmax", "loss"),
        edit=(
            replace(
                "    shifted = z - z.max(axis=1, keepdims=True)\n"
                "    e = np.exp(shifted)",
                "    e = np.exp(z)",
            ),
            replace(
                "    shifted = z - z.max(axis=1, keepdims=True)\n"
                "    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))",
                "    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))",
            ),
        ),
    ),
    Mistake(
        id="onehot_fancy_indexing",
        says="subtracts the one-hot with dlogits[:, y] -= 1, which hits column y_i in every row instead of one "
             "entry per row",
        culprits=("dlogits", "cross_entropy"),
        edit=replace("dlogits[rows, y] -= 1.0", "dlogits[:, y] -= 1.0"),
    ),
    Mistake(
        id="softmax_over_columns",
        says="softmax normalises over axis 0 (the batch) instead of over the classes of each row",
        culprits=("softmax", "log_softmax"),
        edit=replace(
            "    shifted = z - z.max(axis=1, keepdims=True)\n    e = np.exp(shifted)\n    return e / e.sum(axis=1, keepdims=True)",
            "    shifted = z - z.max(axis=0, keepdims=True)\n    e = np.exp(shifted)\n    return e / e.sum(axis=0, keepdims=True)",
        ),
    ),
    Mistake(
        id="logits_shifted_in_place",
        says="softmax subtracts the row maximum from the logits in place (z -= z.max(...)): the caller's logits "
             "are changed",
        culprits=("softmax",),
        edit=replace("    z = np.asarray(logits, dtype=np.float64)\n    shifted = z - z.max(axis=1, keepdims=True)\n"
                     "    e = np.exp(shifted)\n",
                     "    z = np.asarray(logits, dtype=np.float64)\n    z -= z.max(axis=1, keepdims=True)\n"
                     "    e = np.exp(z)\n"),
    ),
]
