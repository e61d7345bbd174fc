"""Gradient checking: central differences and the relative error.

Write numerical_gradient, relative_error and check_gradient. The test
functions and the two entry points at the bottom of this file are provided:
leave them as they are. See katas/gradient_check/README.md.
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Gradient of a scalar function f at x by central differences.

    f: callable taking a float64 array shaped like x and returning a float.
    x: float64 array, any shape. It may be perturbed in place during the
       computation, but every element must hold its original value on return.
    h: the step. Element i of the result is (f(x + h e_i) - f(x - h e_i)) / (2 h).
    Returns a float64 array shaped like x.
    """
    raise NotImplementedError


def relative_error(a, b):
    """max|a - b| / max(max(|a| + |b|), 1e-12), a float.

    a, b: float64 arrays of the same shape. 0 for identical arrays (also all
    zeros), 1 for a = -b, at most 1 always.
    """
    raise NotImplementedError


def check_gradient(f, grad_f, x, h=1e-5):
    """The relative error between the analytic gradient grad_f(x) and numerical_gradient(f, x, h).

    f: callable array -> float; grad_f: callable array -> array shaped like x;
    x: float64 array. Returns a float: below about 1e-7 means the analytic
    gradient is right.
    """
    raise NotImplementedError


# ---------------------------------------------------------------------------
# Provided: the test functions and the two entry points the grader calls.
# The grader cannot send a Python function to your code, so it names one of
# these instead. Do not change anything below this line.
# ---------------------------------------------------------------------------


def _sum_of_squares(x):
    return float(np.sum(x**2))


def _sum_of_squares_grad(x):
    return 2.0 * x


def _sum_of_sines(x):
    return float(np.sum(np.sin(x)))


def _sum_of_sines_grad(x):
    return np.cos(x)


def _softplus_sum(x):
    return float(np.sum(np.log1p(np.exp(x))))


def _softplus_sum_grad(x):
    return 1.0 / (1.0 + np.exp(-x))


def _log_sum_exp(x):
    m = np.max(x)
    return float(m + np.log(np.sum(np.exp(x - m))))


def _log_sum_exp_grad(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def _coupling(n):
    i = np.arange(n)
    return 1.0 / (1.0 + np.abs(i[:, None] - i[None, :]))


def _matrix_quadratic(x):
    v = x.ravel()
    return float(0.5 * v @ _coupling(v.size) @ v + np.sum(v))


def _matrix_quadratic_grad(x):
    v = x.ravel()
    return (_coupling(v.size) @ v + 1.0).reshape(x.shape)


TEST_FUNCTIONS = {
    # name: (f, its analytic gradient); f takes an array of any shape and returns a float.
    "sum_of_squares": (_sum_of_squares, _sum_of_squares_grad),         # sum(x**2)
    "sum_of_sines": (_sum_of_sines, _sum_of_sines_grad),               # sum(sin(x))
    "softplus_sum": (_softplus_sum, _softplus_sum_grad),               # sum(log(1 + exp(x)))
    "log_sum_exp": (_log_sum_exp, _log_sum_exp_grad),                  # log(sum(exp(x)))
    "matrix_quadratic": (_matrix_quadratic, _matrix_quadratic_grad),   # 0.5 v^T A v + sum(v), A_ij = 1/(1+|i-j|)
    # two deliberately WRONG analytic gradients, for check_gradient to flag:
    "buggy_sum_of_squares": (_sum_of_squares, lambda x: x),            # the factor 2 is missing
    "buggy_sum_of_sines": (_sum_of_sines, lambda x: -np.cos(x)),       # the sign is flipped
}


def numerical_gradient_of(name, x, h=1e-5):
    """Run your numerical_gradient on TEST_FUNCTIONS[name] at a copy of x.

    Returns (grad, x_after): your gradient, and that copy of x after your
    function returned (it must hold the same values as x).
    """
    f, _ = TEST_FUNCTIONS[name]
    x = np.array(x, dtype=np.float64)
    grad = numerical_gradient(f, x, h)
    return grad, x


def check_gradient_of(name, x, h=1e-5):
    """Run your check_gradient on TEST_FUNCTIONS[name] at x; returns the relative error."""
    f, grad_f = TEST_FUNCTIONS[name]
    return check_gradient(f, grad_f, np.array(x, dtype=np.float64), h)
