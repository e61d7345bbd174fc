"""Known mistakes of the dropout kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="backward_without_scale",
        says="dropout_backward passes the gradient through the kept units without the 1/p scale",
        culprits=("dx", "dropout_backward"),
        edit=replace("return dout * mask", "return dout * (mask != 0)"),
    ),
    Mistake(
        id="legacy_random_state",
        says="the mask comes from np.random.RandomState(seed).rand(...) instead of "
             "np.random.default_rng(seed).random(...), a different stream",
        culprits=("dropout_forward", "dropout_backward"),
        edit=replace(
            "        rng = np.random.default_rng(seed)\n"
            "        mask = (rng.random(x.shape) < p) / p",
            "        rng = np.random.RandomState(seed % 2**32)\n"
            "        mask = (rng.rand(*x.shape) < p) / p",
        ),
    ),
    Mistake(
        id="not_inverted",
        says="the kept units are not divided by p (plain dropout), so the train-mode mean shrinks by a factor p",
        culprits=("dropout_forward", "dropout_backward"),
        edit=replace("        mask = (rng.random(x.shape) < p) / p",
                "        mask = (rng.random(x.shape) < p).astype(np.float64)"),
    ),
    Mistake(
        id="p_as_drop_probability",
        says="p is treated as the probability of DROPPING a unit (PyTorch's convention) instead of keeping it",
        culprits=("dropout_forward", "dropout_backward"),
        edit=replace("        mask = (rng.random(x.shape) < p) / p",
                "        mask = (rng.random(x.shape) >= p) / max(1.0 - p, 1e-12)"),
    ),
    Mistake(
        id="test_mode_scales_by_p",
        says="test mode multiplies by p (the old, non-inverted recipe) instead of returning x unchanged",
        culprits=("dropout_forward",),
        edit=replace("return x.copy(), (mode, None)", "return x * p, (mode, None)"),
    ),
    Mistake(
        id="input_scaled_in_place",
        says="dropout_forward multiplies x by the mask in place (x *= mask) and returns x: the caller's x is changed",
        culprits=("dropout_forward",),
        edit=replace("        return x * mask, (mode, mask)", "        x *= mask\n        return x, (mode, mask)"),
    ),
]
