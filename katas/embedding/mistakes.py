"""Known mistakes of the embedding kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="averaged_over_batch",
        says="backward divides dW by the batch size N, as if the layer itself averaged over the batch",
        culprits=("idx", "dW", "embedding_backward"),
        edit=replace("return dW", "return dW / idx.shape[0]"),
    ),
    Mistake(
        id="fancy_index_add",
        says="backward uses dW[idx] += dout, which applies a repeated index only once instead of adding up its "
             "gradients",
        culprits=("idx", "dW", "embedding_backward"),
        edit=replace("np.add.at(dW, idx, dout)  # unbuffered: repeated indices accumulate", "dW[idx] += dout"),
    ),
    Mistake(
        id="sized_from_max_index",
        says="backward sizes dW from the largest index seen (idx.max() + 1) instead of from W's shape",
        culprits=("dW", "embedding_forward"),
        edit=replace("cache = (idx.copy(), W.shape)", "cache = (idx.copy(), (int(idx.max()) + 1, W.shape[1]))"),
    ),
    Mistake(
        id="time_major_output",
        says="forward indexes with idx.T, returning time-major (T, N, D) instead of batch-first (N, T, D)",
        culprits=("out", "embedding_forward", "embedding_backward"),
        edit=(
            replace("out = W[idx]", "out = W[idx.T]"),
            replace("np.add.at(dW, idx, dout)  # unbuffered: repeated indices accumulate",
                    "np.add.at(dW, idx.T, dout)  # unbuffered: repeated indices accumulate"),
        ),
    ),
    Mistake(
        id="transposed_dW",
        says="backward builds dW with a one-hot matrix but multiplies in the wrong order, returning it transposed "
             "(D, V)",
        culprits=("dW", "embedding_backward"),
        edit=replace(
            "    dW = np.zeros(W_shape, dtype=np.float64)\n"
            "    np.add.at(dW, idx, dout)  # unbuffered: repeated indices accumulate",
            "    V, D = W_shape\n"
            "    one_hot = np.eye(V)[idx.reshape(-1)]  # (N*T, V)\n"
            "    dW = dout.reshape(-1, D).T @ one_hot",
        ),
    ),
]
