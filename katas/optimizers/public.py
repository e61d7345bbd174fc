"""Public checks of the optimizers kata: steps worked out by hand, first steps, state, a quadratic bowl."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, expect_tuple, fail, strategies as kst

from . import kata

KEYS = {"sgd_step": (), "momentum_step": ("velocity",), "nesterov_step": ("velocity",),
        "adagrad_step": ("cache",), "rmsprop_step": ("cache",)}


def step(sub, name, w, dw, state, **hyper):
    """One call of an optimizer; checks the shape of what comes back and returns (next_w, next_state)."""
    next_w, next_state = expect_tuple(getattr(sub, name)(w, dw, state, **hyper), ["next_w", "next_state"], call=name)
    assert_array(next_w, name=f"{name}: next_w", shape=w.shape)
    if not isinstance(next_state, dict):
        fail(f"{name}: next_state should be a dict, got {type(next_state).__name__}.")
    missing = [k for k in KEYS[name] if k not in next_state]
    if missing:
        fail(f"{name}: next_state should have the key(s) {list(KEYS[name])}, got {sorted(next_state)}.")
    for k in KEYS[name]:
        assert_array(next_state[k], name=f"{name}: next_state[{k!r}]", shape=w.shape)
    return next_w, next_state


W = np.array([1.0, -1.0])
DW1 = np.array([1.0, 2.0])
DW2 = np.array([1.0, -1.0])


PYTORCH_MOMENTUM = ("the velocity is PyTorch's running sum of gradients (v = momentum * v + dw, then w -= lr * v), "
                    "not this kata's CS231n form v = momentum * v - lr * dw, then w += v")


@kata.check(points=1)
def sgd_step_by_hand(sub, ref):
    """sgd_step moves w by -learning_rate * dw and returns an empty state"""
    w, dw = np.array([1.0, -2.0, 3.0]), np.array([0.5, 0.5, -1.0])
    next_w, state = step(sub, "sgd_step", w, dw, None, learning_rate=0.1)
    if state:
        fail(f"sgd_step: SGD keeps no state, so next_state should be an empty dict {{}}, got {sorted(state)}.")
    assert_close(next_w, np.array([0.95, -2.05, 3.1]), name="sgd_step([1, -2, 3], [0.5, 0.5, -1], learning_rate=0.1): next_w")


@kata.check(points=2)
def momentum_two_steps_by_hand(sub, ref):
    """two momentum steps from state=None give the velocities and weights worked out by hand"""
    where = "w=[1, -1], dw=[1, 2] then [1, -1], learning_rate=0.1, momentum=0.9"
    w1, s1 = step(sub, "momentum_step", W, DW1, None, learning_rate=0.1, momentum=0.9)
    assert_close(s1["velocity"], np.array([-0.1, -0.2]),
                 name=f"momentum_step, step 1, velocity ({where}; v = momentum*v - lr*dw)",
                 mistakes={PYTORCH_MOMENTUM: np.array([1.0, 2.0])})
    assert_close(w1, np.array([0.9, -1.2]), name=f"momentum_step, step 1, next_w ({where})")
    w1z, _ = step(sub, "momentum_step", W, DW1, {"velocity": np.zeros(2)}, learning_rate=0.1, momentum=0.9)
    assert_close(w1z, np.array([0.9, -1.2]), name=f"momentum_step, step 1 from a state of zeros, next_w ({where}; "
                                                  "the same as from state=None)")
    w2, s2 = step(sub, "momentum_step", w1, DW2, s1, learning_rate=0.1, momentum=0.9)
    assert_close(s2["velocity"], np.array([-0.19, -0.08]), name=f"momentum_step, step 2, velocity ({where})",
                 mistakes={PYTORCH_MOMENTUM: np.array([1.9, 0.8])})
    assert_close(w2, np.array([0.71, -1.28]), name=f"momentum_step, step 2, next_w ({where}; w + the new v)")


@kata.check(points=2)
def nesterov_two_steps_by_hand(sub, ref):
    """two Nesterov steps from state=None give the velocities and weights worked out by hand"""
    where = "w=[1, -1], dw=[1, 2] then [1, -1], learning_rate=0.1, momentum=0.9"
    w1, s1 = step(sub, "nesterov_step", W, DW1, None, learning_rate=0.1, momentum=0.9)
    assert_close(s1["velocity"], np.array([-0.1, -0.2]), name=f"nesterov_step, step 1, velocity ({where})")
    assert_close(w1, np.array([0.81, -1.38]),
                 name=f"nesterov_step, step 1, next_w ({where}; w + momentum*v_new - lr*dw)")
    w2, s2 = step(sub, "nesterov_step", w1, DW2, s1, learning_rate=0.1, momentum=0.9)
    assert_close(s2["velocity"], np.array([-0.19, -0.08]), name=f"nesterov_step, step 2, velocity ({where})")
    assert_close(w2, np.array([0.539, -1.352]), name=f"nesterov_step, step 2, next_w ({where})")


@st.composite
def params(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(3,), (2, 3), (1, 4)]))
    return rng.standard_normal(shape), rng.uniform(0.1, 2.0, size=shape) * np.where(rng.random(shape) < 0.5, -1, 1)


@kata.check(points=2)
@given(case=params(), lr=st.sampled_from([1e-3, 0.01, 0.1]), decay=st.sampled_from([0.9, 0.99]))
def adaptive_steps_by_formula(sub, ref, case, lr, decay):
    """AdaGrad and RMSprop: the first two steps with a constant gradient follow from the formulas"""
    one = np.array([1.0])
    w1, _ = step(sub, "rmsprop_step", one, one, None, learning_rate=1.0, decay_rate=0.75, eps=0.5)
    assert_close(w1, np.array([0.0]), name="rmsprop_step(w=[1], dw=[1], learning_rate=1, decay_rate=0.75, eps=0.5) from "
                 "state=None: next_w (cache 0.25, step 1 / (sqrt(0.25) + 0.5) = 1: eps goes after the square root)")
    w1, _ = step(sub, "adagrad_step", np.array([1.0, 2.0]), np.array([0.0, 1.0]), None, learning_rate=0.1)
    assert_close(w1, np.array([1.0, 2.0 - 0.1 / (1.0 + 1e-8)]),
                 name="adagrad_step(w=[1, 2], dw=[0, 1], learning_rate=0.1) from state=None: next_w (a zero gradient "
                      "with a zero cache gives 0 / (sqrt(0) + eps) = 0: that entry does not move)")
    w, dw = case
    w1, s1 = step(sub, "adagrad_step", w, dw, None, learning_rate=lr)
    assert_close(s1["cache"], dw**2, name="adagrad_step from state=None: cache (= dw**2)")
    assert_close(w1, w - lr * dw / (np.abs(dw) + 1e-8), name="adagrad_step from state=None: next_w")
    w2, s2 = step(sub, "adagrad_step", w1, dw, s1, learning_rate=lr)
    assert_close(s2["cache"], 2 * dw**2, name="adagrad_step, second step with the same dw: cache (the squares add up)")
    assert_close(w2, w1 - lr * dw / (np.sqrt(2) * np.abs(dw) + 1e-8), name="adagrad_step, second step: next_w")
    w1, s1 = step(sub, "rmsprop_step", w, dw, None, learning_rate=lr, decay_rate=decay)
    assert_close(s1["cache"], (1 - decay) * dw**2, name=f"rmsprop_step from state=None, decay_rate={decay}: cache")
    assert_close(w1, w - lr * dw / (np.sqrt(1 - decay) * np.abs(dw) + 1e-8),
                 name=f"rmsprop_step from state=None, decay_rate={decay}: next_w (eps is added after the square root)")
    w2, s2 = step(sub, "rmsprop_step", w1, dw, s1, learning_rate=lr, decay_rate=decay)
    assert_close(s2["cache"], (1 - decay**2) * dw**2, name=f"rmsprop_step, second step, decay_rate={decay}: cache")


@kata.check(points=2)
def every_optimizer_descends_a_quadratic_bowl(sub, ref):
    """25 steps of each optimizer on the loss 0.5*|w|^2 bring it below a tenth of where it started"""
    for name, hyper in [("sgd_step", {"learning_rate": 0.1}), ("momentum_step", {"learning_rate": 0.1}),
                        ("nesterov_step", {"learning_rate": 0.1}), ("adagrad_step", {"learning_rate": 0.5}),
                        ("rmsprop_step", {"learning_rate": 0.05})]:
        w, state = np.array([2.0, -3.0, 1.0]), None
        for _ in range(25):
            w, state = step(sub, name, w, w.copy(), state, **hyper)   # the gradient of 0.5*|w|^2 is w
        loss = 0.5 * float(w @ w)
        if not loss < 0.7:
            fail(f"{name} with {hyper}: after 25 steps on the loss 0.5*|w|^2 from w=[2, -3, 1] (loss 7.0) the loss "
                 f"is {loss:.4g}, expected below 0.7. Check the sign of the update and that the state is carried over.")
