"""Public checks for the adam kata: closed forms worked out by hand, and properties (no reference)."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, expect_tuple, fail, strategies as kst

from . import kata

learning_rates = st.sampled_from([1e-3, 1e-2, 0.1])
betas1 = st.sampled_from([0.9, 0.8, 0.5])
betas2 = st.sampled_from([0.999, 0.99, 0.9])
# Gradient magnitudes down to 1e-9, where eps = 1e-8 is no longer negligible.
grad_scales = st.sampled_from([1.0, 1e-3, 1e-6, 1e-9])


def call_adam(sub, w, dw, state, **hyper):
    """Call the student's adam_step and validate the shape of what comes back: (next_w, state dict)."""
    shown = "None" if state is None else f"a state with t={state['t']}"
    call = f"adam_step(w, dw, state={shown}" + "".join(f", {k}={v:g}" for k, v in hyper.items()) + ")"
    next_w, next_state = expect_tuple(sub.adam_step(w, dw, state, **hyper), ["next_w", "next_state"], call=call)
    if not isinstance(next_state, dict) or set(next_state) != {"m", "v", "t"}:
        got = sorted(next_state) if isinstance(next_state, dict) else type(next_state).__name__
        fail(f"{call}: next_state should be a dict with exactly the keys 'm', 'v', 't', got {got}.")
    return next_w, next_state, call


def draw_state(rng, shape, t, scale=1.0):
    """An optimizer state that could have come from t earlier steps: v >= 0."""
    return {
        "m": scale * rng.standard_normal(shape),
        "v": (scale * rng.standard_normal(shape)) ** 2 + 0.1 * scale**2,
        "t": int(t),
    }


@kata.check(points=2)
@given(shape=kst.shapes(2, 1, 3), seed=kst.seeds(), scale=grad_scales, lr=learning_rates, b1=betas1, b2=betas2)
def first_step_from_fresh_state_matches_closed_form(sub, ref, shape, seed, scale, lr, b1, b2):
    """The first step from state=None moves each weight by learning_rate * dw / (|dw| + eps)"""
    rng = kst.rng_from(seed)
    w = rng.uniform(-1, 1, shape)
    dw = scale * rng.uniform(0.1, 1.0, shape) * rng.choice([-1.0, 1.0], shape)
    if dw.size > 1:
        dw.flat[-1] = 0.0  # an entry exactly 0: that weight does not move
    next_w, state, call = call_adam(sub, w, dw, None, learning_rate=lr, beta1=b1, beta2=b2)
    where = f"after {call} with |dw| about {scale:g} (its last entry 0 when it has more than one)"
    assert_equal(state["t"], 1, name=f"next_state['t'] {where}")
    assert_close(state["m"], (1 - b1) * dw, name=f"next_state['m'] {where} (expected (1 - beta1) * dw)")
    assert_close(state["v"], (1 - b2) * dw**2, name=f"next_state['v'] {where} (expected (1 - beta2) * dw**2)")
    # After bias correction m_hat = dw and v_hat = dw**2 exactly.
    assert_close(next_w, w - lr * dw / (np.abs(dw) + 1e-8), name=f"next_w {where} (expected w - lr * dw / (|dw| + eps))")


@kata.check(points=2)
@given(shape=kst.shapes(1, 1, 4), seed=kst.seeds(), steps=st.integers(2, 6), lr=learning_rates, b1=betas1, b2=betas2)
def constant_gradient_gives_constant_steps(sub, ref, shape, seed, steps, lr, b1, b2):
    """With a constant gradient g, every step moves each weight by learning_rate * g / (|g| + eps)"""
    rng = kst.rng_from(seed)
    w = rng.uniform(-1, 1, shape)
    g = rng.uniform(0.1, 1.0, shape) * rng.choice([-1.0, 1.0], shape)
    # A fresh optimizer, given as None or as zero moments with t = 0 (the README: the same thing).
    state = None if seed % 2 else {"m": np.zeros(shape), "v": np.zeros(shape), "t": 0}
    for step in range(1, steps + 1):
        expected = w - lr * g / (np.abs(g) + 1e-8)
        w, state, call = call_adam(sub, w, g, state, learning_rate=lr, beta1=b1, beta2=b2)
        assert_equal(state["t"], step, name=f"next_state['t'] after step {step} from a fresh state")
        assert_close(
            w, expected,
            name=f"next_w at step {step} with the same gradient at every step (bias-corrected m_hat = g, v_hat = g**2)",
        )


@kata.check(points=1)
@given(shape=kst.shapes(2, 1, 3), seed=kst.seeds(), t=st.integers(1, 50), b1=betas1, b2=betas2)
def moments_are_exponential_moving_averages(sub, ref, shape, seed, t, b1, b2):
    """next_state holds m = beta1*m + (1-beta1)*dw, v = beta2*v + (1-beta2)*dw**2 and t + 1"""
    rng = kst.rng_from(seed)
    w, dw = rng.standard_normal(shape), rng.standard_normal(shape)
    state = draw_state(rng, shape, t)
    _, new, call = call_adam(sub, w, dw, state, beta1=b1, beta2=b2)
    assert_close(new["m"], b1 * state["m"] + (1 - b1) * dw, name=f"next_state['m'] from {call}")
    assert_close(new["v"], b2 * state["v"] + (1 - b2) * dw**2, name=f"next_state['v'] from {call}")
    assert_equal(new["t"], t + 1, name=f"next_state['t'] from {call}")


@kata.check(points=1)
@given(shape=kst.shapes(1, 1, 5), seed=kst.seeds(), t=st.integers(1, 20), c=st.sampled_from([1e-3, 0.5, 10.0, 1e3]))
def step_is_invariant_to_gradient_scale(sub, ref, shape, seed, t, c):
    """With eps=0, scaling dw by c (and m by c, v by c**2) leaves the step unchanged"""
    rng = kst.rng_from(seed)
    w = rng.uniform(-1, 1, shape)
    dw = rng.uniform(0.1, 1.0, shape) * rng.choice([-1.0, 1.0], shape)
    state = draw_state(rng, shape, t)
    scaled = {"m": c * state["m"], "v": c**2 * state["v"], "t": t}
    w1, _, _ = call_adam(sub, w, dw, state, learning_rate=0.1, eps=0.0)
    w2, _, call = call_adam(sub, w, c * dw, scaled, learning_rate=0.1, eps=0.0)
    w1 = assert_array(w1, name="next_w", shape=w.shape)
    assert_close(
        w2, w1,
        name=f"next_w from {call} with dw, m scaled by {c:g} and v by {c:g}**2 (compared with the unscaled step)",
    )
