"""Public checks of the regularization kata: penalties by hand and numerically, Adam with L2 versus AdamW."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_scalar, check_gradients, expect_tuple, fail, strategies as kst

from . import kata


def penalty(sub, name, w, reg):
    loss, dw = expect_tuple(getattr(sub, name)(w, reg), ["loss", "dw"], call=name)
    return assert_scalar(loss, name=f"{name}: loss"), dw


def step(sub, name, w, dw, state, **hyper):
    """One optimizer call; checks next_w and the {"m", "v", "t"} state and returns them."""
    next_w, next_state = expect_tuple(getattr(sub, name)(w, dw, state, **hyper), ["next_w", "next_state"], call=name)
    assert_array(next_w, name=f"{name}: next_w", shape=w.shape)
    if not isinstance(next_state, dict) or not {"m", "v", "t"} <= set(next_state):
        fail(f"{name}: next_state should be a dict with the keys 'm', 'v', 't' (like adam_step), got "
             f"{sorted(next_state) if isinstance(next_state, dict) else type(next_state).__name__}.")
    assert_array(next_state["m"], name=f"{name}: next_state['m']", shape=w.shape)
    assert_array(next_state["v"], name=f"{name}: next_state['v']", shape=w.shape)
    return next_w, next_state


@kata.check(points=2)
def penalties_by_hand(sub, ref):
    """l1_penalty and l2_penalty give the losses and gradients worked out by hand"""
    w = np.array([1.0, -2.0, 0.5])
    loss, dw = penalty(sub, "l1_penalty", w, 0.1)
    assert_close(loss, 0.35, name="l1_penalty([1, -2, 0.5], reg=0.1): loss (reg * sum|w|)")
    assert_close(dw, np.array([0.1, -0.1, 0.1]), name="l1_penalty([1, -2, 0.5], reg=0.1): dw (reg * sign(w))")
    loss, dw = penalty(sub, "l2_penalty", w, 0.1)
    assert_close(loss, 0.2625, name="l2_penalty([1, -2, 0.5], reg=0.1): loss (0.5 * reg * sum(w**2))")
    assert_close(dw, np.array([0.1, -0.2, 0.05]), name="l2_penalty([1, -2, 0.5], reg=0.1): dw (reg * w)")
    w = np.array([[3.0, 0.0], [-1.0, 2.0]])
    loss, dw = penalty(sub, "l1_penalty", w, 2.0)
    assert_close(loss, 12.0, name="l1_penalty([[3, 0], [-1, 2]], reg=2): loss")
    assert_close(dw, np.array([[2.0, 0.0], [-2.0, 2.0]]),
                 name="l1_penalty([[3, 0], [-1, 2]], reg=2): dw (reg * sign(w), and sign(0) = 0)")
    loss, dw = penalty(sub, "l2_penalty", w, 2.0)
    assert_close(loss, 14.0, name="l2_penalty([[3, 0], [-1, 2]], reg=2): loss")
    assert_close(dw, 2.0 * w, name="l2_penalty([[3, 0], [-1, 2]], reg=2): dw")


@kata.check(points=2, max_examples=5)
@given(w=kst.arrays(st.tuples(kst.dims(1, 3), kst.dims(1, 3)), -2.0, 2.0, min_abs=0.1), reg=st.floats(0.01, 3.0))
def penalty_gradients_match_numerical_gradient(sub, ref, w, reg):
    """the dw of l1_penalty and l2_penalty agree with the numerical gradient of your penalties"""
    for name in ("l1_penalty", "l2_penalty"):
        _, dw = penalty(sub, name, w, reg)
        check_gradients(lambda w, name=name: np.array([penalty(sub, name, w, reg)[0]]), [w], [dw], np.ones(1),
                        names=[f"{name}: dw"])


@st.composite
def weights_and_grads(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(3,), (2, 3), (4, 1)]))
    return rng.standard_normal(shape), [rng.standard_normal(shape) for _ in range(2)]


@kata.check(points=2)
@given(case=weights_and_grads(), lr=st.sampled_from([1e-3, 0.01, 0.1]))
def without_decay_both_are_adam(sub, ref, case, lr):
    """with weight_decay=0 both steps are plain Adam: the first step moves each weight by about learning_rate"""
    w, (g1, g2) = case
    for name in ("adam_l2_step", "adamw_step"):
        w1, s1 = step(sub, name, w, g1, None, learning_rate=lr, weight_decay=0.0)
        assert_close(w1, w - lr * g1 / (np.abs(g1) + 1e-8),
                     name=f"{name}(weight_decay=0) from state=None: next_w (Adam's first step is lr * dw / (|dw| + eps))")
        if assert_scalar(s1["t"], name=f"{name}: next_state['t']") != 1:
            fail(f"{name}: after the first step next_state['t'] should be 1, got {s1['t']}.")
    # two steps of plain Adam written out here (beta1 0.9, beta2 0.999, eps 1e-8), not taken from the other
    # function under test: a wrong adam_l2_step must not make a correct adamw_step fail, nor the reverse
    m1, v1 = 0.1 * g1, 0.001 * g1 ** 2
    w1 = w - lr * (m1 / 0.1) / (np.sqrt(v1 / 0.001) + 1e-8)
    m2, v2 = 0.9 * m1 + 0.1 * g2, 0.999 * v1 + 0.001 * g2 ** 2
    w2 = w1 - lr * (m2 / (1 - 0.9 ** 2)) / (np.sqrt(v2 / (1 - 0.999 ** 2)) + 1e-8)
    for name in ("adam_l2_step", "adamw_step"):
        got, state = step(sub, name, w, g1, None, learning_rate=lr, weight_decay=0.0)
        got, _ = step(sub, name, got, g2, state, learning_rate=lr, weight_decay=0.0)
        assert_close(got, w2, name=f"{name}(weight_decay=0): next_w after two steps from state=None (plain Adam, "
                                   "with bias correction 1 - beta ** t at t = 2)")


@kata.check(points=2)
def decay_alone_by_hand(sub, ref):
    """with dw = 0 AdamW shrinks w by the factor (1 - lr*wd), while L2-in-Adam moves every weight by about lr"""
    w, zero = np.array([2.0, -0.5, 0.001]), np.zeros(3)
    where = "w=[2, -0.5, 0.001], dw=0, learning_rate=0.1, weight_decay=0.1, from state=None"
    w1, _ = step(sub, "adamw_step", w, zero, None, learning_rate=0.1, weight_decay=0.1)
    assert_close(w1, w * (1 - 0.1 * 0.1), name=f"adamw_step({where}): next_w (the decay -lr*wd*w is applied to w directly)")
    g = 0.1 * w   # the L2 gradient the penalty adds
    w1, s1 = step(sub, "adam_l2_step", w, zero, None, learning_rate=0.1, weight_decay=0.1)
    assert_close(w1, w - 0.1 * g / (np.abs(g) + 1e-8),
                 name=f"adam_l2_step({where}): next_w (the gradient is wd*w, which Adam normalises to about sign(w))")
    assert_close(s1["m"], 0.1 * g, name=f"adam_l2_step({where}): next_state['m'] ((1 - beta1) * (dw + wd*w))")


@kata.check(points=1)
@given(case=weights_and_grads(), scale=st.sampled_from([1e-3, 10.0, 1e3]))
def adamw_step_ignores_gradient_scale(sub, ref, case, scale):
    """with eps=0, multiplying every gradient by a constant leaves AdamW's weights unchanged"""
    w, (g1, g2) = case
    hyper = {"learning_rate": 0.05, "eps": 0.0, "weight_decay": 0.2}
    a_w, a_s = step(sub, "adamw_step", w, g1, None, **hyper)
    a_w, _ = step(sub, "adamw_step", a_w, g2, a_s, **hyper)
    b_w, b_s = step(sub, "adamw_step", w, scale * g1, None, **hyper)
    b_w, _ = step(sub, "adamw_step", b_w, scale * g2, b_s, **hyper)
    assert_close(b_w, a_w, name=f"adamw_step after two steps with gradients scaled by {scale:g}, compared with unscaled "
                 "(the decay must not go through Adam's normalisation)")
