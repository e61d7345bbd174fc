"""Public checks of the gradient_check kata: exactness on quadratics, x left unchanged, values by hand."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_scalar, expect_tuple, fail, strategies as kst

from . import kata


@st.composite
def points(draw, low=-2.0, high=2.0):
    """x of shape (n,), (n, m) or (2, 2, 2)."""
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(1,), (3,), (5,), (2, 3), (3, 1), (2, 2, 2)]))
    return rng.uniform(low, high, size=shape)


def _coupling(n):
    i = np.arange(n)
    return 1.0 / (1.0 + np.abs(i[:, None] - i[None, :]))


EXACT = {  # the analytic gradients of the provided quadratic test functions
    "sum_of_squares": lambda x: 2.0 * x,
    "matrix_quadratic": lambda x: (_coupling(x.size) @ x.ravel() + 1.0).reshape(x.shape),
}
SMOOTH = {
    "sum_of_sines": np.cos,
    "softplus_sum": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "log_sum_exp": lambda x: np.exp(x - x.max()) / np.exp(x - x.max()).sum(),
}


def _numerical(sub, name, x, h):
    grad, x_after = expect_tuple(sub.numerical_gradient_of(name, x, h), ["grad", "x_after"], call="numerical_gradient_of")
    return grad, x_after


@kata.check(points=3)
@given(x=points(), h=st.sampled_from([1e-5, 1e-3, 0.1, 0.5]))
def exact_on_quadratics(sub, ref, x, h):
    """numerical_gradient is exact on quadratic functions, for any step h (central differences are)"""
    for name, exact in EXACT.items():
        grad, _ = _numerical(sub, name, x, h)
        assert_close(grad, exact(x), name=f"numerical_gradient of {name} with h={h} at x of shape {x.shape} "
                     "(a central difference of a quadratic has no truncation error; a one-sided difference does)")


@kata.check(points=2)
@given(x=points(), h=st.sampled_from([1e-5, 1e-2, 0.25]))
def leaves_x_unchanged(sub, ref, x, h):
    """numerical_gradient restores every element of x after perturbing it"""
    for name in ("matrix_quadratic", "sum_of_sines"):
        _, x_after = _numerical(sub, name, x, h)
        assert_close(x_after, x, rtol=1e-12, atol=1e-15,
                     name=f"x after numerical_gradient({name}, x, h={h}) (set x[i] back to its old value after each perturbation)")


@kata.check(points=2)
@given(x=points(-3.0, 3.0))
def accurate_on_smooth_functions(sub, ref, x):
    """numerical_gradient with h=1e-5 agrees with the exact gradient of sin, softplus and log-sum-exp"""
    for name, exact in SMOOTH.items():
        grad, _ = _numerical(sub, name, x, 1e-5)
        assert_close(grad, exact(x), rtol=1e-6, atol=1e-8, name=f"numerical_gradient of {name} with h=1e-5")


@kata.check(points=2)
def relative_error_by_hand(sub, ref):
    """relative_error gives 0, 1, 0.5, 0.1/2.1 and 0.001/2 on pairs worked out by hand, and 0 for two zero arrays"""
    cases = [
        ([1.0, -2.0, 3.0], [1.0, -2.0, 3.0], 0.0),
        ([1.0, -2.0, 3.0], [-1.0, 2.0, -3.0], 1.0),
        ([1.0, 0.0], [3.0, 0.0], 0.5),
        ([3.0, -1.0], [1.0, 1.0], 0.5),
        ([1.0, 0.0], [1.1, 0.0], 0.1 / 2.1),
        ([1.0, 0.001], [1.0, 0.002], 0.001 / 2.0),
        ([[0.0, 0.0]], [[0.0, 0.0]], 0.0),
    ]
    for a, b, expected in cases:
        got = assert_scalar(sub.relative_error(np.array(a), np.array(b)), name=f"relative_error({a}, {b})")
        assert_close(got, expected, name=f"relative_error({a}, {b}) (max|a - b| over max(|a| + |b|), both over all elements)")


@kata.check(points=2)
@given(x=points())
def check_gradient_flags_wrong_gradients(sub, ref, x):
    """check_gradient is tiny for correct gradients and large for a missing factor 2 or a flipped sign"""
    for name in ("sum_of_squares", "log_sum_exp", "matrix_quadratic"):
        err = assert_scalar(sub.check_gradient_of(name, x, 1e-5), name=f"check_gradient for {name}")
        if not 0.0 <= err < 1e-7:
            fail(f"check_gradient for the correct gradient of {name} at x of shape {x.shape} returned {err:.3g}; "
                 "expected a relative error below 1e-7.")
    for name, expected in (("buggy_sum_of_squares", 1.0 / 3.0), ("buggy_sum_of_sines", 1.0)):
        err = sub.check_gradient_of(name, x, 1e-5)
        assert_close(err, expected, rtol=1e-5,
                     name=f"check_gradient for the wrong gradient {name} (the relative error of x against 2x is 1/3, of -cos against cos is 1)")
