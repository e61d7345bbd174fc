"""Hidden checks of the gradient_check kata: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, strategies as kst

from . import kata

NAMES = ["sum_of_squares", "sum_of_sines", "softplus_sum", "log_sum_exp", "matrix_quadratic"]
STEPS = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 0.3]


@st.composite
def points(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(1,), (4,), (2, 3), (3, 2), (1, 2, 3)]))
    return rng.uniform(-3.0, 3.0, size=shape)


@kata.check(points=3, hidden=True)
@given(x=points(), h=st.sampled_from(STEPS))
def numerical_gradient_matches_reference(sub, ref, x, h):
    """numerical_gradient matches the reference on every test function, for steps from 1e-6 to 0.3"""
    for name in NAMES:
        grad, x_after = expect_tuple(sub.numerical_gradient_of(name, x, h), ["grad", "x_after"], call="numerical_gradient_of")
        expected, _ = ref.numerical_gradient_of(name, x, h)
        assert_close(grad, expected, rtol=1e-6, atol=1e-7, name=f"numerical_gradient of {name} with h={h}")
        assert_close(x_after, x, rtol=1e-12, atol=1e-15, name=f"x after numerical_gradient of {name} with h={h}")


@st.composite
def pairs(draw):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(1,), (5,), (2, 3), (2, 2, 2)]))
    scale = draw(st.sampled_from([1e-9, 1e-3, 1.0, 1e4]))
    a = scale * rng.standard_normal(shape)
    b = a + draw(st.sampled_from([0.0, 1e-6, 0.1, 1.0])) * scale * rng.standard_normal(shape)
    zero = rng.random(shape) < 0.3  # some exact zeros in both
    return np.where(zero, 0.0, a), np.where(zero, 0.0, b) * draw(st.sampled_from([1.0, -1.0]))


@kata.check(points=2, hidden=True)
@given(pair=pairs())
def relative_error_matches_reference(sub, ref, pair):
    """relative_error matches the reference, for arrays of every scale, with zeros"""
    a, b = pair
    assert_close(sub.relative_error(a, b), ref.relative_error(a, b), name="relative_error(a, b)")


@kata.check(points=2, hidden=True)
@given(x=points(), h=st.sampled_from([1e-5, 1e-3, 0.1]))
def check_gradient_matches_reference(sub, ref, x, h):
    """check_gradient matches the reference on every test function, the two wrong gradients included"""
    for name in NAMES + ["buggy_sum_of_squares", "buggy_sum_of_sines"]:
        expected = ref.check_gradient_of(name, x, h)
        # below 1e-8 both are only rounding noise: compare loosely there
        assert_close(sub.check_gradient_of(name, x, h), expected, rtol=1e-4, atol=1e-8,
                     name=f"check_gradient for {name} with h={h}")
