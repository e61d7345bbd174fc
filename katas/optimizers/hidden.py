"""Hidden checks of the optimizers kata: trajectories against the reference."""
from hypothesis import given, strategies as st

from graders import assert_close, strategies as kst

from . import kata
from .public import step


@st.composite
def trajectories(draw, key):
    """w, three gradients, and a starting state (None, or a drawn one)."""
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(4,), (2, 3), (3, 1)]))
    w = rng.standard_normal(shape)
    grads = [draw(st.sampled_from([1e-3, 1.0, 10.0])) * rng.standard_normal(shape) for _ in range(3)]
    state = None
    if draw(st.booleans()):
        state = {key: rng.standard_normal(shape) if key == "velocity" else rng.uniform(0.0, 3.0, size=shape)}
    return w, grads, state


def _follow(sub, ref, name, w, grads, state, hyper):
    ref_w, ref_state = w, state
    shown = ", ".join(f"{k}={v:g}" for k, v in hyper.items())
    start = "state=None" if state is None else "a given state"
    for t, dw in enumerate(grads, 1):
        w, state = step(sub, name, w, dw, state, **hyper)
        ref_w, ref_state = getattr(ref, name)(ref_w, dw, ref_state, **hyper)
        for k in ref_state:
            assert_close(state[k], ref_state[k], name=f"{name}({shown}) from {start}, step {t}: next_state[{k!r}]")
        assert_close(w, ref_w, name=f"{name}({shown}) from {start}, step {t}: next_w")


@kata.check(points=3, hidden=True)
@given(case=trajectories("velocity"), lr=st.floats(1e-3, 0.5), mu=st.floats(0.0, 0.99))
def momentum_and_nesterov_match_reference(sub, ref, case, lr, mu):
    """sgd, momentum and Nesterov follow the reference over three steps, from a fresh or a given state"""
    w, grads, state = case
    _follow(sub, ref, "sgd_step", w, grads, None, {"learning_rate": lr})
    _follow(sub, ref, "momentum_step", w, grads, state, {"learning_rate": lr, "momentum": mu})
    _follow(sub, ref, "nesterov_step", w, grads, state, {"learning_rate": lr, "momentum": mu})


@kata.check(points=3, hidden=True)
@given(case=trajectories("cache"), lr=st.floats(1e-3, 0.5), decay=st.floats(0.5, 0.999),
       eps=st.sampled_from([1e-8, 1e-4, 1e-2, 0.3]))
def adagrad_and_rmsprop_match_reference(sub, ref, case, lr, decay, eps):
    """AdaGrad and RMSprop follow the reference over three steps, for any decay_rate and eps"""
    w, grads, state = case
    _follow(sub, ref, "adagrad_step", w, grads, state, {"learning_rate": lr, "eps": eps})
    _follow(sub, ref, "rmsprop_step", w, grads, state, {"learning_rate": lr, "decay_rate": decay, "eps": eps})


@kata.check(points=1, hidden=True, max_examples=5)
@given(case=trajectories("velocity"))
def defaults_match_reference(sub, ref, case):
    """with every hyperparameter left at its default, each optimizer follows the reference"""
    w, grads, _ = case
    for name in ("sgd_step", "momentum_step", "nesterov_step", "adagrad_step", "rmsprop_step"):
        _follow(sub, ref, name, w, grads, None, {})
