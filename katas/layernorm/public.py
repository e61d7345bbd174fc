"""Public checks of the layernorm kata: normalised rows, values by hand, gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, strategies as kst

from . import kata


def forward(sub, x, gamma, beta, eps):
    out, cache = expect_tuple(sub.layernorm_forward(x, gamma, beta, eps), ["out", "cache"], call="layernorm_forward")
    return assert_array(out, name="layernorm_forward: out", shape=x.shape), cache


def backward(sub, dout, cache, d):
    dx, dgamma, dbeta = expect_tuple(sub.layernorm_backward(dout, cache), ["dx", "dgamma", "dbeta"], call="layernorm_backward")
    assert_array(dx, name="layernorm_backward: dx", shape=dout.shape)
    assert_array(dgamma, name="layernorm_backward: dgamma (one entry per feature)", shape=(d,))
    assert_array(dbeta, name="layernorm_backward: dbeta (one entry per feature)", shape=(d,))
    return dx, dgamma, dbeta


@st.composite
def cases(draw, max_n=4, max_d=5, min_d=2):
    """x (N, D) whose rows are never nearly constant, gamma, beta, dout."""
    rng = kst.rng_from(draw(kst.seeds()))
    n, d = draw(kst.dims(1, max_n)), draw(kst.dims(min_d, max_d))
    x = rng.standard_normal((n, d)) + np.linspace(-1.0, 1.0, d)[rng.permutation(d)]
    return {"x": x, "gamma": rng.uniform(0.5, 2.0, size=d) * np.where(rng.random(d) < 0.3, -1, 1),
            "beta": rng.standard_normal(d), "dout": rng.standard_normal((n, d))}


@kata.check(points=2)
@given(case=cases())
def each_row_is_normalised_on_its_own(sub, ref, case):
    """with gamma=1, beta=0 every row has mean 0 and variance var/(var+eps), whatever the other rows are"""
    x = case["x"]
    n, d = x.shape
    out, _ = forward(sub, x, np.ones(d), np.zeros(d), 1e-5)
    assert_close(out.mean(axis=1), np.zeros(n), atol=1e-9, name="the mean of each row of out (normalise over axis=1, the features)")
    var = x.var(axis=1)
    assert_close(out.var(axis=1), var / (var + 1e-5), name="the variance of each row of out")
    for i in range(n):
        alone, _ = forward(sub, x[i:i + 1], np.ones(d), np.zeros(d), 1e-5)
        assert_close(alone[0], out[i], name=f"row {i} normalised alone, compared with row {i} of the batch "
                     "(layer norm uses no statistics across examples)")


@kata.check(points=2)
def values_by_hand(sub, ref):
    """layernorm_forward gives the values worked out by hand, with the biased variance and eps inside the sqrt"""
    x = np.array([[1.0, 2.0, 3.0]])
    out, _ = forward(sub, x, np.ones(3), np.zeros(3), 0.0)
    s = np.sqrt(1.5)
    assert_close(out, np.array([[-s, 0.0, s]]),
                 name="layernorm_forward([[1, 2, 3]], gamma=1, beta=0, eps=0) (variance 2/3: divide by D, not D - 1)")
    out, _ = forward(sub, x, np.array([2.0, 1.0, -1.0]), np.array([0.5, 0.0, 1.0]), 0.0)
    assert_close(out, np.array([[0.5 - 2 * s, 0.0, 1.0 - s]]),
                 name="layernorm_forward([[1, 2, 3]], gamma=[2, 1, -1], beta=[0.5, 0, 1], eps=0)")
    out, _ = forward(sub, np.array([[0.0, 2.0], [5.0, 5.0]]), np.ones(2), np.zeros(2), 3.0)
    assert_close(out, np.array([[-0.5, 0.5], [0.0, 0.0]]),
                 name="layernorm_forward([[0, 2], [5, 5]], gamma=1, beta=0, eps=3) ((x - mean) / sqrt(var + eps) = [-1, 1] / 2)")


@kata.check(points=3, max_examples=6)
@given(case=cases(max_n=3, max_d=4, min_d=3))
def backward_matches_numerical_gradient(sub, ref, case):
    """layernorm_backward agrees with the numerical gradient of your layernorm_forward"""
    x, gamma, beta, dout = case["x"], case["gamma"], case["beta"], case["dout"]
    _, cache = forward(sub, x, gamma, beta, 1e-5)
    grads = backward(sub, dout, cache, x.shape[1])
    check_gradients(lambda x, g, b: sub.layernorm_forward(x, g, b, 1e-5)[0], [x, gamma, beta], grads, dout,
                    names=["dx", "dgamma", "dbeta"])


@kata.check(points=1)
@given(case=cases())
def dx_rows_sum_to_zero(sub, ref, case):
    """each row of dx sums to 0 (adding a constant to a row does not change the output)"""
    x, gamma, beta, dout = case["x"], case["gamma"], case["beta"], case["dout"]
    _, cache = forward(sub, x, gamma, beta, 1e-5)
    dx, _, _ = backward(sub, dout, cache, x.shape[1])
    assert_close(dx.sum(axis=1), np.zeros(x.shape[0]), atol=1e-9, name="the row sums of dx")


def by_the_formula(x, gamma, beta, eps):
    """The README's forward, with the variance of the centred values (two passes)."""
    xc = x - x.mean(axis=1, keepdims=True)
    return gamma * xc / np.sqrt((xc * xc).mean(axis=1, keepdims=True) + eps) + beta


@kata.check(points=1)
@given(seed=kst.seeds())
def rows_far_from_zero_and_constant_rows(sub, ref, seed):
    """Rows offset by 1e6 with a spread of 0.01 keep their digits; a constant row and a single feature give beta"""
    rng = kst.rng_from(seed)
    gamma, beta = rng.uniform(0.5, 2.0, 4), rng.standard_normal(4)
    x = 1e6 + 0.01 * rng.standard_normal((3, 4))
    out, _ = forward(sub, x, gamma, beta, 1e-5)
    assert_close(out, by_the_formula(x, gamma, beta, 1e-5), rtol=1e-5, atol=1e-5,
                 name="out for rows 1e6 + 0.01 * noise (compute the variance of x - mean: mean(x**2) - mean(x)**2 "
                      "cancels every digit at this offset)")
    x = np.array([[2.0, 2.0, 2.0, 2.0], [1.0, -1.0, 0.5, 3.0]])
    out, cache = forward(sub, x, gamma, beta, 1e-5)
    assert_close(out, by_the_formula(x, gamma, beta, 1e-5), name=f"out for x = {x.tolist()} (a constant row: "
                 "x - mean = 0, so that row of out is beta)")
    dout = rng.standard_normal(x.shape)
    dx, _, _ = backward(sub, dout, cache, 4)
    g = dout * gamma
    expected = (g - g.mean(axis=1, keepdims=True)) / np.sqrt(1e-5)  # the constant row: xhat = 0
    assert_close(dx[0], expected[0], rtol=1e-6, atol=1e-6,
                 name=f"dx[0] for the constant row [2, 2, 2, 2] (gamma * (dout - mean of dout) / sqrt(eps): finite)")
    one = np.array([[3.0], [-1.5]])
    out, _ = forward(sub, one, gamma[:1], beta[:1], 1e-5)
    assert_close(out, np.repeat(beta[:1][None], 2, axis=0), name="out for D = 1 feature, x = [[3], [-1.5]] (each row "
                 "is its own mean: out = beta)")
