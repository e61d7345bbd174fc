"""Hidden checks of the regularization kata: penalties and three-step trajectories against the reference."""
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, strategies as kst

from . import kata
from .public import penalty, step


@st.composite
def cases(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(5,), (2, 3), (3, 1), (2, 2, 2)]))
    w = draw(st.sampled_from([0.1, 1.0, 10.0])) * rng.standard_normal(shape)
    grads = [draw(st.sampled_from([1e-3, 1.0, 10.0])) * rng.standard_normal(shape) for _ in range(3)]
    state = None
    if draw(st.booleans()):
        state = {"m": 0.1 * rng.standard_normal(shape), "v": rng.uniform(0.0, 0.1, size=shape),
                 "t": int(draw(st.integers(1, 50)))}
    return w, grads, state


@kata.check(points=2, hidden=True)
@given(case=cases(), reg=st.floats(0.0, 5.0))
def penalties_match_reference(sub, ref, case, reg):
    """l1_penalty and l2_penalty match the reference for any shape and reg"""
    w = case[0].copy()
    w.flat[0] = 0.0  # a weight of exactly 0: the L1 gradient is 0 there
    for name in ("l1_penalty", "l2_penalty"):
        loss, dw = penalty(sub, name, w, reg)
        ref_loss, ref_dw = getattr(ref, name)(w, reg)
        assert_close(loss, ref_loss, name=f"{name}(w, reg={reg:.4g}): loss")
        assert_close(dw, ref_dw, name=f"{name}(w, reg={reg:.4g}): dw")


def _follow(sub, ref, name, case, hyper):
    w, grads, state = case
    ref_w, ref_state = w, state
    shown = ", ".join(f"{k}={v:.4g}" for k, v in hyper.items())
    start = "state=None" if state is None else f"a given state with t={state['t']}"
    for t, dw in enumerate(grads, 1):
        w, state = step(sub, name, w, dw, state, **hyper)
        ref_w, ref_state = getattr(ref, name)(ref_w, dw, ref_state, **hyper)
        where = f"{name}({shown}) from {start}, step {t}"
        assert_close(state["m"], ref_state["m"], name=f"{where}: next_state['m']")
        assert_close(state["v"], ref_state["v"], name=f"{where}: next_state['v']")
        assert_equal(state["t"], ref_state["t"], name=f"{where}: next_state['t']")
        assert_close(w, ref_w, name=f"{where}: next_w")


hyperparameters = st.fixed_dictionaries({
    "learning_rate": st.floats(1e-4, 0.3),
    "beta1": st.sampled_from([0.0, 0.5, 0.9]),
    "beta2": st.sampled_from([0.9, 0.999]),
    "eps": st.sampled_from([1e-8, 1e-3]),
    "weight_decay": st.floats(0.01, 1.0),
})


@kata.check(points=3, hidden=True)
@given(case=cases(), hyper=hyperparameters)
def adam_l2_step_matches_reference(sub, ref, case, hyper):
    """adam_l2_step follows the reference over three steps, from a fresh or a given state"""
    _follow(sub, ref, "adam_l2_step", case, hyper)


@kata.check(points=3, hidden=True)
@given(case=cases(), hyper=hyperparameters)
def adamw_step_matches_reference(sub, ref, case, hyper):
    """adamw_step follows the reference over three steps, from a fresh or a given state"""
    _follow(sub, ref, "adamw_step", case, hyper)


@kata.check(points=1, hidden=True, max_examples=5)
@given(case=cases())
def defaults_match_reference(sub, ref, case):
    """with every hyperparameter at its default (weight_decay 0 for Adam, 0.01 for AdamW) both follow the reference"""
    _follow(sub, ref, "adam_l2_step", case, {})
    _follow(sub, ref, "adamw_step", case, {})
