"""Known mistakes of the training_loop kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="drops_the_last_batch",
        says="drops the last, smaller batch when batch_size does not divide n",
        culprits=("batch",),
        edit=replace("for start in range(0, n, batch_size)]", "for start in range(0, n - batch_size + 1, batch_size)]"),
    ),
    Mistake(
        id="same_order_every_epoch",
        says="makes a new generator from the seed every epoch, so every epoch visits the samples in the same order",
        culprits=("batch", "val_loss"),
        edit=replace("        order = rng.permutation(n)", "        order = np.random.default_rng(seed).permutation(n)"),
    ),
    Mistake(
        id="clips_each_tensor_by_its_own_norm",
        says="clips every gradient by its own norm instead of the global norm of all of them",
        culprits=("clipped", "val_loss"),
        edit=replace("    return {name: g * scale for name, g in grads.items()}, norm",
                     "    return {name: g * min(1.0, max_norm / max(float(np.linalg.norm(g)), 1e-300))\n"
                     "            for name, g in grads.items()}, norm"),
    ),
    Mistake(
        id="always_rescales_to_max_norm",
        says="rescales the gradients to max_norm even when their norm is already below it",
        culprits=("clipped", "val_loss"),
        edit=replace("scale = max_norm / norm if norm > max_norm else 1.0",
                     "scale = max_norm / norm if norm > 0 else 1.0"),
    ),
    Mistake(
        id="returns_the_norm_after_clipping",
        says="returns the global norm after clipping instead of before",
        culprits=("norm",),
        edit=replace("    return {name: g * scale for name, g in grads.items()}, norm",
                     "    return {name: g * scale for name, g in grads.items()}, norm * scale"),
    ),
    Mistake(
        id="equal_loss_counts_as_improvement",
        says="counts a validation loss equal to the best one as an improvement",
        culprits=("bad_epochs", "best_epoch", "stop", "val_loss"),
        edit=replace("val_loss < state[\"best_loss\"] - min_delta", "val_loss <= state[\"best_loss\"] - min_delta"),
    ),
    Mistake(
        id="patience_off_by_one",
        says="stops only when bad_epochs exceeds patience, one epoch too late",
        culprits=("stop", "val_loss"),
        edit=replace("return state, state[\"bad_epochs\"] >= patience", "return state, state[\"bad_epochs\"] > patience"),
    ),
    Mistake(
        id="best_params_not_copied",
        says="keeps a reference to the parameters instead of a copy, so the in-place updates of later epochs change "
             "the 'best' parameters and training returns the last ones",
        culprits=("best_params",),
        edit=replace("\"best_params\": {name: np.array(p, copy=True) for name, p in params.items()}",
                     "\"best_params\": params"),
    ),
    Mistake(
        id="train_loss_is_mean_of_batch_losses",
        says="records the mean of the minibatch losses seen during the epoch instead of the whole training set's loss "
             "after it",
        culprits=("train_loss",),
        edit=(replace("        for batch in batches:\n            _, grads =",
                      "        batch_losses = []\n        for batch in batches:\n            batch_loss, grads ="),
              replace("            grads, _ = clip_by_global_norm(grads, max_norm)\n",
                      "            batch_losses.append(batch_loss)\n"
                      "            grads, _ = clip_by_global_norm(grads, max_norm)\n"),
              replace("history[\"train_loss\"].append(softmax_regression_loss(params, X, y)[0])",
                      "history[\"train_loss\"].append(float(np.mean(batch_losses)))")),
    ),
    Mistake(
        id="returns_the_last_params",
        says="returns the parameters of the last epoch instead of restoring the best ones",
        culprits=("best_params",),
        edit=replace("    return state[\"best_params\"], history", "    return params, history"),
    ),
]
MISTAKES += [
    Mistake(
        id="clip_divides_by_a_zero_norm",
        says="computes the factor as min(1, max_norm / norm), which divides by zero when every gradient is zero",
        culprits=("clip_by_global_norm",),
        edit=replace("scale = max_norm / norm if norm > max_norm else 1.0", "scale = min(1.0, max_norm / norm)"),
    ),
    Mistake(
        id="generator_seeded_per_epoch",
        says="draws each epoch's batches from a new generator seeded with seed + epoch, instead of one generator for "
             "the whole run",
        culprits=("train_loss", "val_loss"),
        edit=replace("    for batches in minibatches(len(X), batch_size, n_epochs, seed):\n",
                     "    for epoch in range(n_epochs):\n"
                     "        batches = minibatches(len(X), batch_size, 1, seed + epoch)[0]\n"),
    ),
    Mistake(
        id="steps_with_unclipped_gradients",
        says="clips the gradients but takes the step with the unclipped ones",
        culprits=("train_loss", "val_loss"),
        edit=replace("            grads, _ = clip_by_global_norm(grads, max_norm)\n",
                     "            clipped, _ = clip_by_global_norm(grads, max_norm)\n"),
    ),
]
