"""Public checks of the losses kata: values by hand, stability, gradients against numerical gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_scalar, check_gradients, expect_tuple, strategies as kst

from . import kata


def _loss_and_grad(sub, name, *args, **kwargs):
    loss, grad = expect_tuple(getattr(sub, name)(*args, **kwargs), ["loss", "grad"], call=name)
    return assert_scalar(loss, name=f"{name}: loss"), grad


def _by_hand(sub, name, args, kwargs, loss, grad):
    shown = ", ".join(np.asarray(a).tolist().__repr__() for a in args)
    shown += "".join(f", {k}={v}" for k, v in kwargs.items())
    got_loss, got_grad = _loss_and_grad(sub, name, *[np.array(a, dtype=float) for a in args], **kwargs)
    assert_close(got_loss, loss, name=f"loss of {name}({shown}) (the mean over all elements)")
    assert_close(got_grad, np.array(grad, dtype=float), name=f"gradient of {name}({shown})")


@kata.check(points=2)
def regression_losses_by_hand(sub, ref):
    """mse, mae and huber give the values and gradients worked out by hand"""
    _by_hand(sub, "mse", ([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]), {}, 13 / 3, [0.0, 4 / 3, 2.0])
    _by_hand(sub, "mse", ([2.0], [0.5]), {}, 2.25, [3.0])
    _by_hand(sub, "mse", ([[1.0, 2.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0]]), {}, 6 / 4, [[0.5, 1.0], [0.0, -0.5]])
    _by_hand(sub, "mae", ([1.0, 2.0, -3.0], [0.0, 0.0, 0.0]), {}, 2.0, [1 / 3, 1 / 3, -1 / 3])
    _by_hand(sub, "mae", ([[1.0, 2.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0]]), {}, 4 / 4, [[0.25, 0.25], [0.0, -0.25]])
    _by_hand(sub, "huber", ([0.5, 3.0, -2.0], [0.0, 0.0, 0.0]), {"delta": 1.0}, 4.125 / 3, [0.5 / 3, 1 / 3, -1 / 3])
    _by_hand(sub, "huber", ([0.5, 3.0, -2.0], [0.0, 0.0, 0.0]), {"delta": 2.5}, 6.5 / 3, [0.5 / 3, 2.5 / 3, -2 / 3])


@kata.check(points=2)
def classification_losses_by_hand(sub, ref):
    """binary_cross_entropy, its logits version and hinge give the values and gradients worked out by hand"""
    ln3 = float(np.log(3.0))
    _by_hand(sub, "binary_cross_entropy", ([0.5, 0.9], [1.0, 0.0]), {}, -(np.log(0.5) + np.log(0.1)) / 2, [-1.0, 5.0])
    _by_hand(sub, "binary_cross_entropy", ([0.8], [0.25]), {}, -(0.25 * np.log(0.8) + 0.75 * np.log(0.2)), [0.55 / 0.16])
    _by_hand(sub, "binary_cross_entropy_with_logits", ([0.0, ln3], [1.0, 0.0]), {},
             -(np.log(0.5) + np.log(0.25)) / 2, [-0.25, 0.375])
    _by_hand(sub, "hinge", ([2.0, 0.5, -1.0], [1.0, 1.0, 1.0]), {}, 2.5 / 3, [0.0, -1 / 3, -1 / 3])
    _by_hand(sub, "hinge", ([0.5, -3.0], [-1.0, -1.0]), {}, 1.5 / 2, [0.5, 0.0])


@kata.check(points=2)
def cross_entropy_with_logits_is_stable(sub, ref):
    """binary_cross_entropy_with_logits is finite and exact at logits +-1000"""
    z, y = np.array([1000.0, -1000.0, 1000.0, -1000.0]), np.array([1.0, 0.0, 0.0, 1.0])
    loss, grad = _loss_and_grad(sub, "binary_cross_entropy_with_logits", z, y)
    where = " of logits [1000, -1000, 1000, -1000], y [1, 0, 0, 1] (log(sigmoid(z)) is log(0) there: see the README)"
    assert_close(loss, 500.0, name="loss" + where)
    assert_close(grad, np.array([0.0, 0.0, 0.25, -0.25]), name="gradient" + where)


@st.composite
def probability_cases(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = (draw(kst.dims(1, 3)), draw(kst.dims(1, 3)))
    z = rng.uniform(-4.0, 4.0, size=shape)
    y = rng.uniform(0.0, 1.0, size=shape) if draw(st.booleans()) else (rng.random(shape) < 0.5).astype(float)
    return z, y


@kata.check(points=2, max_examples=10)
@given(case=probability_cases())
def logits_version_agrees_with_probability_version(sub, ref, case):
    """binary_cross_entropy_with_logits(z, y) equals the statement's loss with p = sigmoid(z), for moderate z"""
    z, y = case
    p = 1.0 / (1.0 + np.exp(-z))
    loss, grad = _loss_and_grad(sub, "binary_cross_entropy_with_logits", z, y)
    # the statement's formula written out here, never the learner's binary_cross_entropy: a wrong
    # probability version must not blame a correct logits version
    assert_close(loss, float(np.mean(-(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))),
                 name="binary_cross_entropy_with_logits(z, y) compared with mean(-(y log p + (1 - y) log(1 - p))), "
                      "p = sigmoid(z)")
    # chain rule: d/dz = d/dp * sigmoid'(z) = (p - y) / n
    assert_close(grad, (p - y) / z.size,
                 name="the logits gradient compared with (sigmoid(z) - y) / n (the chain rule through sigmoid)")


def _away_from(rng, shape, kinks, low, high, gap):
    """Uniform values in [low, high] with every value at least ``gap`` from each kink."""
    values = rng.uniform(low, high, size=shape)
    for k in kinks:
        close = np.abs(values - k) < gap
        values = np.where(close, k + np.where(values >= k, gap, -gap) * 1.5, values)
    return values


@st.composite
def gradient_cases(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = (draw(kst.dims(1, 2)), draw(kst.dims(1, 3))) + draw(st.sampled_from([(), (2,)]))  # 2-D or 3-D
    target = rng.uniform(-2.0, 2.0, size=shape)
    delta = draw(st.sampled_from([0.5, 1.0, 2.0]))
    residual = _away_from(rng, shape, [-delta, 0.0, delta], -3.0, 3.0, 0.05)
    y01 = rng.uniform(0.0, 1.0, size=shape)
    signs = np.where(rng.random(shape) < 0.5, -1.0, 1.0)
    margin = _away_from(rng, shape, [1.0], -2.0, 3.0, 0.05)  # y * score, away from the hinge's kink at 1
    return {"target": target, "pred": target + residual, "delta": delta, "p": rng.uniform(0.05, 0.95, size=shape),
            "y01": y01, "z": rng.uniform(-4.0, 4.0, size=shape), "signs": signs, "scores": signs * margin}


@kata.check(points=3, max_examples=4)
@given(case=gradient_cases())
def gradients_match_numerical_gradients(sub, ref, case):
    """every loss's gradient agrees with the numerical gradient of your loss"""
    one = np.ones(1)
    problems = [
        ("mse", case["pred"], (case["target"],), {}),
        ("mae", case["pred"], (case["target"],), {}),
        ("huber", case["pred"], (case["target"],), {"delta": case["delta"]}),
        ("binary_cross_entropy", case["p"], (case["y01"],), {}),
        ("binary_cross_entropy_with_logits", case["z"], (case["y01"],), {}),
        ("hinge", case["scores"], (case["signs"],), {}),
    ]
    for name, x, rest, kwargs in problems:
        _, grad = _loss_and_grad(sub, name, x, *rest, **kwargs)

        def loss_of(x, name=name, rest=rest, kwargs=kwargs):
            return np.array([_loss_and_grad(sub, name, x, *rest, **kwargs)[0]])

        check_gradients(loss_of, [x], [grad], one, names=[f"the gradient returned by {name}"])
