"""Public checks of the backprop kata: values from the formulas, and gradients against
central differences of your own forward passes."""
import functools

import numpy as np
from hypothesis import given, strategies as st

from graders import (
    assert_array,
    assert_close,
    assert_scalar,
    check_gradients,
    expect_tuple,
    fail,
    strategies as kst,
)

from . import kata


# -- strategies (hidden.py reuses them) ------------------------------------------------
# Each case draws its sizes and one seed; the arrays come from np.random.default_rng(seed).
# Strategies are built once (cached), which keeps generation cheap.

ints = functools.lru_cache(maxsize=None)(st.integers)
SEEDS = kst.seeds()


def uniform(rng, shape, low=-1.0, high=1.0, min_abs=0.0):
    """Uniform values in [low, high]; with min_abs > 0, magnitudes in [min_abs, high] with random signs."""
    if min_abs > 0:
        return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(min_abs, high, size=shape)
    return rng.uniform(low, high, size=shape)


@st.composite
def affine_cases(draw, max_n=3, max_d=4, max_m=3):
    n, d, m = draw(ints(1, max_n)), draw(ints(1, max_d)), draw(ints(1, max_m))
    rng = kst.rng_from(draw(SEEDS))
    return {"x": uniform(rng, (n, d)), "w": uniform(rng, (d, m)), "b": uniform(rng, (m,)), "dout": uniform(rng, (n, m))}


@st.composite
def relu_cases(draw):
    shape = (draw(ints(1, 4)), draw(ints(1, 4)))
    rng = kst.rng_from(draw(SEEDS))
    return {"x": uniform(rng, shape, high=2.0, min_abs=0.05), "dout": uniform(rng, shape)}


@st.composite
def softmax_cases(draw, max_n=4, max_c=4, scale=3.0):
    n, c = draw(ints(1, max_n)), draw(ints(2, max_c))
    rng = kst.rng_from(draw(SEEDS))
    return {"scores": uniform(rng, (n, c), -scale, scale), "y": rng.integers(0, c, size=n)}


@st.composite
def mlp_cases(draw, max_layers=3, max_width=3):
    n_layers = draw(ints(1, max_layers))
    n = draw(ints(1, 4))
    sizes = [draw(ints(1, max_width)) for _ in range(n_layers)] + [draw(ints(2, max_width))]
    rng = kst.rng_from(draw(SEEDS))
    params = {}
    for layer in range(1, n_layers + 1):
        fan_in, fan_out = sizes[layer - 1], sizes[layer]
        params[f"W{layer}"] = rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)
        params[f"b{layer}"] = uniform(rng, (fan_out,), -0.5, 0.5)
    return {"X": rng.standard_normal((n, sizes[0])), "y": rng.integers(0, sizes[-1], size=n), "params": params}


def loss_of(result, call):
    """(loss as float, second item) from a ``(loss, grad)`` result, with readable failures."""
    loss, second = expect_tuple(result, ["loss", "gradient"], call=call)
    return assert_scalar(loss, name=f"{call} loss"), second


def grads_dict(grads, params):
    """Check ``grads`` is a dict with exactly the keys of ``params``; return it."""
    if not isinstance(grads, dict):
        fail(f"mlp_loss should return grads as a dict with keys {sorted(params)}, got {type(grads).__name__}.")
    missing, extra = sorted(set(params) - set(grads)), sorted(set(grads) - set(params))
    if missing or extra:
        fail(
            f"mlp_loss grads should have exactly the keys of params {sorted(params)}; "
            f"missing {missing}, unexpected {extra}."
        )
    return grads


# -- affine ----------------------------------------------------------------------------


@kata.check(points=1)
@given(case=affine_cases())
def affine_forward_computes_x_w_plus_b(sub, ref, case):
    """affine_forward returns x @ w + b with shape (N, M)"""
    x, w, b = case["x"], case["w"], case["b"]
    out, _ = expect_tuple(sub.affine_forward(x, w, b), ["out", "cache"], call="affine_forward")
    assert_close(out, x @ w + b, name="affine_forward out")


@kata.check(points=2, max_examples=6)
@given(case=affine_cases())
def affine_backward_matches_numerical_gradient(sub, ref, case):
    """affine_backward agrees with the numerical gradient of your affine_forward"""
    x, w, b, dout = case["x"], case["w"], case["b"], case["dout"]
    _, cache = expect_tuple(sub.affine_forward(x, w, b), ["out", "cache"], call="affine_forward")
    grads = expect_tuple(sub.affine_backward(dout, cache), ["dx", "dw", "db"], call="affine_backward")
    check_gradients(
        lambda x, w, b: sub.affine_forward(x, w, b)[0], [x, w, b], grads, dout, names=["dx", "dw", "db"]
    )


# -- ReLU ------------------------------------------------------------------------------


@kata.check(points=1)
@given(case=relu_cases())
def relu_forward_zeroes_negatives(sub, ref, case):
    """relu_forward keeps positive entries and zeroes negative ones"""
    x = case["x"]
    out, _ = expect_tuple(sub.relu_forward(x), ["out", "cache"], call="relu_forward")
    assert_close(out, np.where(x > 0, x, 0.0), name="relu_forward out")


@kata.check(points=1, max_examples=6)
@given(case=relu_cases())
def relu_backward_matches_numerical_gradient(sub, ref, case):
    """relu_backward agrees with the numerical gradient of your relu_forward"""
    x, dout = case["x"], case["dout"]
    _, cache = expect_tuple(sub.relu_forward(x), ["out", "cache"], call="relu_forward")
    dx = sub.relu_backward(dout, cache)
    check_gradients(lambda x: sub.relu_forward(x)[0], [x], [dx], dout, names=["dx"])


# -- softmax loss ----------------------------------------------------------------------


@kata.check(points=1)
@given(n=ints(1, 4), c=ints(2, 5), seed=SEEDS)
def softmax_loss_of_equal_scores_is_log_c(sub, ref, n, c, seed):
    """softmax_loss of equal scores is log(C), with dscores = (1/C - one_hot(y)) / N"""
    y = kst.rng_from(seed).integers(0, c, size=n)
    scores = np.full((n, c), 0.7)
    loss, dscores = loss_of(sub.softmax_loss(scores, y), "softmax_loss")
    assert_close(loss, np.log(c), name=f"softmax_loss loss for N={n} rows of {c} equal scores")
    expected = np.full((n, c), 1.0 / c)
    expected[np.arange(n), y] -= 1.0
    assert_close(dscores, expected / n, name="softmax_loss dscores")


@kata.check(points=2)
@given(case=softmax_cases(), shift=st.sampled_from([1000.0, -1000.0, 800.0]), spread=st.sampled_from([100.0, 1000.0]))
def softmax_loss_is_stable_for_large_logits(sub, ref, case, shift, spread):
    """softmax_loss is shift-invariant and finite for logits around +-1000"""
    scores, y = case["scores"], case["y"]
    loss, dscores = loss_of(sub.softmax_loss(scores, y), "softmax_loss")
    shifted = scores + shift
    loss_shifted, dscores_shifted = loss_of(sub.softmax_loss(shifted, y), "softmax_loss (logits + %g)" % shift)
    assert_close(loss_shifted, loss, name=f"loss after adding {shift:g} to every logit (softmax ignores a constant)")
    assert_close(dscores_shifted, dscores, name=f"dscores after adding {shift:g} to every logit")
    wide = scores * (spread / 3.0)
    loss_wide, dscores_wide = loss_of(sub.softmax_loss(wide, y), f"softmax_loss (logits up to {spread:g})")
    dscores_wide = assert_array(dscores_wide, name=f"dscores for logits up to +-{spread:g}", shape=scores.shape)
    if loss_wide < 0:
        fail(f"softmax_loss returned a negative loss {loss_wide:.6g} for logits up to +-{spread:g}: cross-entropy is >= 0.")
    assert_close(dscores_wide.sum(axis=1), np.zeros(scores.shape[0]),
                 name=f"row sums of dscores for logits up to +-{spread:g} (softmax minus one-hot sums to 0)")


@kata.check(points=2, max_examples=6)
@given(case=softmax_cases())
def softmax_loss_gradient_matches_numerical(sub, ref, case):
    """softmax_loss's dscores agrees with the numerical gradient of its loss"""
    scores, y = case["scores"], case["y"]
    _, dscores = loss_of(sub.softmax_loss(scores, y), "softmax_loss")
    check_gradients(
        lambda s: np.array(loss_of(sub.softmax_loss(s, y), "softmax_loss")[0]),
        [scores], [dscores], np.array(1.0), names=["dscores"],
    )


# -- MLP -------------------------------------------------------------------------------


@kata.check(points=2, max_examples=5)
@given(case=mlp_cases())
def mlp_loss_gradients_match_numerical(sub, ref, case):
    """mlp_loss's grads agree with the numerical gradient of its loss"""
    X, y, params = case["X"], case["y"], case["params"]
    keys = sorted(params)
    _, grads = loss_of(sub.mlp_loss(X, y, params), "mlp_loss")
    grads = grads_dict(grads, params)

    def forward(*values):
        return np.array(loss_of(sub.mlp_loss(X, y, dict(zip(keys, values))), "mlp_loss")[0])

    check_gradients(
        forward, [params[k] for k in keys], [grads[k] for k in keys], np.array(1.0),
        names=[f"grads[{k!r}]" for k in keys],
    )


@kata.frozen
def mlp_worked_examples(ref):
    """Two fixed networks and the reference's loss and gradients: one sample through 2 layers (some scores
    negative), and 3 samples through 11 layers (keys W1 .. W11: W10 and W11 come after W9, not after W1)."""
    rng = np.random.default_rng(2024)
    cases = []
    for n, sizes in [(1, [3, 4, 3]), (3, [2] * 12)]:
        params = {}
        for layer in range(1, len(sizes)):
            fan_in, fan_out = sizes[layer - 1], sizes[layer]
            params[f"W{layer}"] = np.eye(fan_in, fan_out) + 0.8 * rng.standard_normal((fan_in, fan_out))
            params[f"b{layer}"] = rng.uniform(-0.5, 0.5, fan_out)
        X, y = rng.standard_normal((n, sizes[0])), rng.integers(0, sizes[-1], size=n)
        loss, grads = ref.mlp_loss(X, y, params)
        cases.append({"X": X, "y": y, "params": params, "loss": float(loss), "grads": grads})
    return cases


@kata.check(points=2)
def mlp_loss_matches_worked_examples(sub, ref):
    """mlp_loss gives the expected loss and gradients on a batch of one sample (2 layers) and on 11 layers"""
    for case in kata.frozen_value("mlp_worked_examples"):
        X, y, params = case["X"], case["y"], case["params"]
        layers = len(params) // 2
        where = (f"on the worked example with N = {len(y)} sample(s) and {layers} layers (keys W1 .. W{layers}, in "
                 "the order of their numbers; no ReLU after the last layer)")
        loss, grads = loss_of(sub.mlp_loss(X, y, params), "mlp_loss")
        assert_close(loss, case["loss"], name=f"mlp_loss loss {where}")
        grads = grads_dict(grads, params)
        for key in sorted(params, key=lambda k: (k[0], int(k[1:]))):
            assert_close(grads[key], case["grads"][key], name=f"mlp_loss grads[{key!r}] {where}")
