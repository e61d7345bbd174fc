"""Known mistakes of the mlp_training kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="gradient_ascent",
        says="the update adds the gradient (params + lr * grad) instead of subtracting it",
        culprits=("train_mlp",),
        edit=replace("params[k] = params[k] - learning_rate * grads[k]",
                "params[k] = params[k] + learning_rate * grads[k]"),
    ),
    Mistake(
        id="gradient_not_averaged",
        says="the softmax gradient is not divided by the batch size although the loss is the batch mean",
        culprits=("b3", "W1", "mlp_loss"),
        edit=replace("    dz /= N\n", ""),
    ),
    Mistake(
        id="learning_rate_ignored",
        says="the step size is hard-coded (10.0) and the learning_rate argument is ignored",
        culprits=("W1", "train_mlp"),
        edit=replace("params[k] = params[k] - learning_rate * grads[k]",
                "params[k] = params[k] - 10.0 * grads[k]"),
    ),
    Mistake(
        id="no_nonlinearity",
        says="the hidden layers have no ReLU, so the network is linear and cannot separate spirals",
        culprits=("predict", "loss"),
        edit=(
            replace("h = np.maximum(z, 0.0) if l < L else z", "h = z"),
            replace("dz = (dz @ params[f\"W{l}\"].T) * (cache[l - 2][1] > 0)",
                    "dz = dz @ params[f\"W{l}\"].T"),
        ),
    ),
    Mistake(
        id="zero_init",
        says="weights are initialised to zeros, so every hidden unit stays identical (and ReLU units get no "
             "gradient)",
        culprits=("init_mlp",),
        edit=replace("params[f\"W{l}\"] = rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)",
                "params[f\"W{l}\"] = np.zeros((fan_in, fan_out))"),
    ),
    Mistake(
        id="shuffled_once",
        says="shuffles the samples once before training, so every epoch visits them in the same order",
        culprits=("train_mlp", "W1"),
        edit=(replace("    for _ in range(n_epochs):\n        order = rng.permutation(N)\n",
                      "    order = rng.permutation(N)\n    for _ in range(n_epochs):\n"),),
    ),
    Mistake(
        id="one_generator_for_init_and_shuffle",
        says="draws the initial weights and the shuffles from one generator, so the epochs' orders are not those "
             "of a generator made from the seed for shuffling alone",
        culprits=("train_mlp", "W1"),
        edit=replace("    params = init_mlp([D, *hidden_sizes, K], seed)\n    rng = np.random.default_rng(seed)\n",
                     "    rng = np.random.default_rng(seed)\n    sizes = [D, *hidden_sizes, K]\n"
                     "    params = {}\n"
                     "    for l in range(1, len(sizes)):\n"
                     "        params[f\"W{l}\"] = rng.standard_normal((sizes[l - 1], sizes[l])) * np.sqrt(2.0 / sizes[l - 1])\n"
                     "        params[f\"b{l}\"] = np.zeros(sizes[l])\n"),
    ),
]
MISTAKES += [
    Mistake(
        id="last_minibatch_dropped",
        says="takes N // batch_size minibatches per epoch, so the last, smaller minibatch is never used",
        culprits=("train_mlp", "W1", "b1", "W2", "b2"),
        edit=replace("for start in range(0, N, batch_size):",
                     "for start in range(0, N // batch_size * batch_size, batch_size):"),
    ),
]
