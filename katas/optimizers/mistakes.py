"""Known mistakes of the optimizers kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="adagrad_cache_not_accumulated",
        says="adagrad_step overwrites the cache with dw**2 instead of adding to it",
        culprits=("adagrad_step", "cache"),
        edit=replace("cache = _get(state, \"cache\", w) + dw * dw", "cache = dw * dw"),
    ),
    Mistake(
        id="momentum_returns_old_state",
        says="momentum_step returns the state it was given instead of the new velocity, so momentum never builds "
             "up",
        culprits=("momentum_step", "velocity"),
        edit=replace(
            "    v = momentum * _get(state, \"velocity\", w) - learning_rate * dw\n"
            "    return w + v, {\"velocity\": v}",
            "    v_old = _get(state, \"velocity\", w)\n"
            "    v = momentum * v_old - learning_rate * dw\n"
            "    return w + v, {\"velocity\": v_old}",
        ),
    ),
    Mistake(
        id="momentum_uses_old_velocity",
        says="momentum_step moves w by the old velocity and only then updates it (w + v_old instead of w + v_new)",
        culprits=("momentum_step",),
        edit=replace(
            "    v = momentum * _get(state, \"velocity\", w) - learning_rate * dw\n"
            "    return w + v, {\"velocity\": v}",
            "    v_old = _get(state, \"velocity\", w)\n"
            "    v = momentum * v_old - learning_rate * dw\n"
            "    return w + v_old, {\"velocity\": v}",
        ),
    ),
    Mistake(
        id="nesterov_is_plain_momentum",
        says="nesterov_step forgets the look-ahead and is plain momentum: next_w = w + v",
        culprits=("nesterov_step",),
        edit=replace("return w + momentum * v - learning_rate * dw, {\"velocity\": v}",
                "return w + v, {\"velocity\": v}"),
    ),
    Mistake(
        id="rmsprop_eps_inside_sqrt",
        says="rmsprop_step divides by sqrt(cache + eps) instead of sqrt(cache) + eps",
        culprits=("rmsprop_step",),
        edit=replace(
            "    cache = decay_rate * _get(state, \"cache\", w) + (1.0 - decay_rate) * dw * dw\n"
            "    return w - learning_rate * dw / (np.sqrt(cache) + eps), {\"cache\": cache}",
            "    cache = decay_rate * _get(state, \"cache\", w) + (1.0 - decay_rate) * dw * dw\n"
            "    return w - learning_rate * dw / np.sqrt(cache + eps), {\"cache\": cache}",
        ),
    ),
    Mistake(
        id="rmsprop_missing_one_minus_decay",
        says="rmsprop_step adds dw**2 to the decayed cache without the factor (1 - decay_rate)",
        culprits=("rmsprop_step", "cache"),
        edit=replace("cache = decay_rate * _get(state, \"cache\", w) + (1.0 - decay_rate) * dw * dw",
                "cache = decay_rate * _get(state, \"cache\", w) + dw * dw"),
    ),
]
MISTAKES += [
    Mistake(
        id="adagrad_ignores_eps",
        says="adagrad_step divides by sqrt(cache) and ignores eps, so a zero gradient on the first step gives "
             "0 / 0 = NaN",
        culprits=("adagrad_step", "next_w"),
        edit=replace("    cache = _get(state, \"cache\", w) + dw * dw\n"
                     "    return w - learning_rate * dw / (np.sqrt(cache) + eps), {\"cache\": cache}",
                     "    cache = _get(state, \"cache\", w) + dw * dw\n"
                     "    return w - learning_rate * dw / np.sqrt(cache), {\"cache\": cache}"),
    ),
    Mistake(
        id="sgd_updates_w_in_place",
        says="sgd_step updates the weights in place (w -= learning_rate * dw) and returns w: the caller's w is "
             "changed",
        culprits=("sgd_step",),
        edit=replace("    return w - learning_rate * dw, {}", "    w -= learning_rate * dw\n    return w, {}"),
    ),
]
