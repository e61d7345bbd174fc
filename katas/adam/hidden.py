"""Hidden checks for the adam kata: agreement with the reference on drawn states and step sequences."""
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, strategies as kst

from . import kata
from .public import betas1, betas2, call_adam, draw_state, learning_rates

hyper_params = st.fixed_dictionaries(
    {"learning_rate": learning_rates, "beta1": betas1, "beta2": betas2, "eps": st.sampled_from([1e-8, 1e-6])}
)


def compare_step(sub, ref, w, dw, state, hyper, where=""):
    """One step of both; compare next_w, the step next_w - w (tightly), and the new state. Returns the student's."""
    next_w, new, call = call_adam(sub, w, dw, state, **hyper)
    expected_w, expected = ref.adam_step(w, dw, state, **hyper)
    assert_close(next_w, expected_w, name=f"next_w from {call}{where}")
    # The step itself, so that a small relative error in it is not hidden by the size of w.
    assert_close(next_w - w, expected_w - w, name=f"the step next_w - w from {call}{where}", rtol=1e-7, atol=1e-13)
    assert_close(new["m"], expected["m"], name=f"next_state['m'] from {call}{where}")
    assert_close(new["v"], expected["v"], name=f"next_state['v'] from {call}{where}")
    assert_equal(new["t"], expected["t"], name=f"next_state['t'] from {call}{where}")
    return next_w, new


@kata.check(points=2, hidden=True)
@given(shape=kst.shapes(2, 1, 3), seed=kst.seeds(), t=st.integers(1, 30), hyper=hyper_params)
def step_from_a_given_state_matches_reference(sub, ref, shape, seed, t, hyper):
    """One step from an arbitrary state (m, v, t) gives the reference's weights and state"""
    rng = kst.rng_from(seed)
    w, dw = rng.standard_normal(shape), rng.standard_normal(shape)
    compare_step(sub, ref, w, dw, draw_state(rng, shape, t), hyper)


@kata.check(points=2, hidden=True)
@given(shape=kst.shapes(1, 1, 4), seed=kst.seeds(), steps=st.integers(2, 8), hyper=hyper_params)
def sequence_of_steps_matches_reference(sub, ref, shape, seed, steps, hyper):
    """A sequence of steps from state=None with changing gradients follows the reference"""
    rng = kst.rng_from(seed)
    w = rng.standard_normal(shape)
    state = None
    for step in range(1, steps + 1):
        dw = rng.standard_normal(shape)
        w, state = compare_step(sub, ref, w, dw, state, hyper, where=f" (step {step} of a sequence from state=None)")


@kata.check(points=2, hidden=True)
@given(
    shape=kst.shapes(1, 1, 4), seed=kst.seeds(), scale=st.sampled_from([1e-10, 1e-9, 1e-8, 1e-6]),
    fresh=st.booleans(), t=st.integers(1, 10), eps=st.sampled_from([1e-8, 1e-7]),
)
def tiny_gradients_match_reference(sub, ref, shape, seed, scale, fresh, t, eps):
    """With tiny gradients (|dw| near eps) the step matches the reference: eps is added after the square root"""
    rng = kst.rng_from(seed)
    w = rng.uniform(-1, 1, shape)
    dw = scale * rng.standard_normal(shape)
    state = None if fresh else draw_state(rng, shape, t, scale=scale)
    compare_step(sub, ref, w, dw, state, {"learning_rate": 1e-2, "eps": eps}, where=f" with |dw| about {scale:g}")


@kata.check(points=1, hidden=True)
@given(shape=kst.shapes(1, 1, 4), seed=kst.seeds(), t=st.integers(100, 5000))
def bias_correction_after_many_steps_matches_reference(sub, ref, shape, seed, t):
    """After many steps (large t) the bias correction still uses the incremented t"""
    rng = kst.rng_from(seed)
    w, dw = rng.standard_normal(shape), rng.standard_normal(shape)
    compare_step(sub, ref, w, dw, draw_state(rng, shape, t), {"learning_rate": 1e-3})
