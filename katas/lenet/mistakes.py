"""Known mistakes of the lenet kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="flatten_channels_last",
        says="flattens the pooled maps channels last (row, column, channel) instead of in C order (channel first)",
        culprits=("scores",),
        edit=(replace("flat = p2.reshape(len(x), -1)", "flat = p2.transpose(0, 2, 3, 1).reshape(len(x), -1)"),
              replace('dp2 = (da3 @ params["W3"].T).reshape(p2_shape)',
                      'n, c, h, w = p2_shape\n    dp2 = (da3 @ params["W3"].T).reshape(n, h, w, c).transpose(0, 3, 1, 2)')),
    ),
    Mistake(
        id="backward_skips_first_relu",
        says="the backward pass forgets the ReLU after the first convolution",
        culprits=("dW1", "db1"),
        edit=replace("dc1 = _pool_backward(dp1, pool1) * (c1 > 0)", "dc1 = _pool_backward(dp1, pool1)"),
    ),
    Mistake(
        id="pool_backward_spreads_gradient",
        says="max pooling's backward spreads each gradient evenly over its window, as average pooling would",
        culprits=("dW1", "dW2", "db1", "db2"),
        edit=replace_function("_pool_backward", '''
            def _pool_backward(dout, cache):
                shape, _ = cache
                return np.repeat(np.repeat(dout, 2, axis=2), 2, axis=3) / 4
        '''),
    ),
    Mistake(
        id="loss_gradient_not_averaged",
        says="lenet_loss averages the loss over the batch but not its gradients",
        culprits=("dW1", "dW4", "db4"),
        edit=replace("return float(loss), lenet_backward(dscores / n, cache)",
                     "return float(loss), lenet_backward(dscores, cache)"),
    ),
    Mistake(
        id="init_standard_normal",
        says="init_lenet draws every weight from N(0, 1) instead of N(0, 2 / fan_in)",
        culprits=("W3", "W1"),
        edit=replace("params[name] = rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)",
                     "params[name] = rng.normal(0.0, 1.0, shape)"),
    ),
    Mistake(
        id="gradient_ascent",
        says="train_lenet adds the gradient instead of subtracting it",
        culprits=("train_lenet", "losses"),
        edit=replace("velocity[k] = 0.9 * velocity[k] - lr * grads[k]", "velocity[k] = 0.9 * velocity[k] + lr * grads[k]"),
    ),
    Mistake(
        id="init_fan_in_without_kernel",
        says="init_lenet takes the fan-in of a filter bank as its input channels C, not C * 3 * 3",
        culprits=("W1", "W2"),
        edit=replace("fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]",
                     "fan_in = shape[1] if len(shape) == 4 else shape[0]"),
    ),
    Mistake(
        id="no_shuffle",
        says="train_lenet walks the samples in their stored order every epoch instead of rng.permutation(N)",
        culprits=("losses", "train_lenet"),
        edit=replace("order = rng.permutation(len(X))", "order = np.arange(len(X))"),
    ),
    Mistake(
        id="plain_sgd_without_momentum",
        says="train_lenet takes plain SGD steps, param -= lr * grad, without the momentum 0.9",
        culprits=("losses", "train_lenet"),
        edit=replace("velocity[k] = 0.9 * velocity[k] - lr * grads[k]", "velocity[k] = -lr * grads[k]"),
    ),
    Mistake(
        id="shuffles_from_the_init_generator_seed",
        says="train_lenet shuffles with np.random.default_rng(seed), the seed of the initialisation, instead of "
             "seed + 1",
        culprits=("losses", "train_lenet"),
        edit=replace("    rng = np.random.default_rng(seed + 1)\n", "    rng = np.random.default_rng(seed)\n"),
    ),
    Mistake(
        id="momentum_reset_every_epoch",
        says="train_lenet sets the velocities back to zero at the start of every epoch instead of keeping them",
        culprits=("losses", "train_lenet"),
        edit=(replace("    velocity = {k: np.zeros_like(v) for k, v in params.items()}\n", ""),
              replace("        order = rng.permutation(len(X))\n",
                      "        order = rng.permutation(len(X))\n"
                      "        velocity = {k: np.zeros_like(v) for k, v in params.items()}\n")),
    ),
    Mistake(
        id="last_batch_dropped",
        says="train_lenet takes N // batch_size full minibatches per epoch and drops the last, smaller one",
        culprits=("losses", "train_lenet"),
        edit=replace("for start in range(0, len(X), batch_size):",
                     "for start in range(0, len(X) // batch_size * batch_size, batch_size):"),
    ),
]
