"""Known mistakes of the transfer_learning kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="features_without_last_relu",
        says="extract_features leaves out the ReLU after the second layer",
        culprits=("features",),
        edit=replace('return np.maximum(hidden @ base["W2"] + base["b2"], 0)', 'return hidden @ base["W2"] + base["b2"]'),
    ),
    Mistake(
        id="first_relu_not_in_backward",
        says="model_loss's backward forgets the ReLU after the first layer",
        culprits=("dW1", "db1"),
        edit=replace('dz1 = (dz2 @ base["W2"].T) * (z1 > 0)', 'dz1 = dz2 @ base["W2"].T'),
    ),
    Mistake(
        id="gradient_not_averaged",
        says="the gradients are the sum over the examples, not the mean, while the loss is the mean",
        culprits=("W", "dW", "dW1"),
        edit=replace("    dscores /= n\n", ""),
    ),
    Mistake(
        id="frozen_ignored",
        says="fine_tune updates every base parameter, the frozen ones too",
        culprits=("fine_tune", "W1", "b1"),
        edit=replace("base = {k: base[k] if k in frozen else base[k] - lr_base * base_grads[k] for k in BASE_KEYS}",
                     "base = {k: base[k] - lr_base * base_grads[k] for k in BASE_KEYS}"),
    ),
    Mistake(
        id="one_learning_rate",
        says="fine_tune steps the base with lr_head instead of the smaller lr_base",
        culprits=("W2", "b2"),
        edit=replace("base[k] - lr_base * base_grads[k]", "base[k] - lr_head * base_grads[k]"),
    ),
    Mistake(
        id="loss_recorded_after_step",
        says="train_head records the loss after each step instead of before it",
        culprits=("losses",),
        edit=replace("        losses.append(loss)\n"
                     "        head = {k: head[k] - lr * grads[k] for k in HEAD_KEYS}\n",
                     "        head = {k: head[k] - lr * grads[k] for k in HEAD_KEYS}\n"
                     "        losses.append(_head_loss(features, y, head)[0])\n"),
    ),
]
MISTAKES += [
    Mistake(
        id="frozen_by_layer_number",
        says="fine_tune freezes whole layers by the number in the name, so frozen=('W1',) also freezes b1",
        culprits=("fine_tune", "b1", "W1", "b2", "W2"),
        edit=replace("base = {k: base[k] if k in frozen else base[k] - lr_base * base_grads[k] for k in BASE_KEYS}",
                     "base = {k: base[k] if k[1:] in {f[1:] for f in frozen} else base[k] - lr_base * base_grads[k] "
                     "for k in BASE_KEYS}"),
    ),
]
