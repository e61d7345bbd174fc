"""Public checks for residual_block: the identity when the branch is zero, normalisation over the right axis,
and every gradient against central differences of your own forward."""
import numpy as np
from hypothesis import assume, given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, fail
from graders import strategies as kst

from . import kata

ORDER = ("W1", "b1", "gamma", "beta", "W2", "b2", "Ws")


@st.composite
def block_cases(draw, norm=None, projection=None, n_max=5):
    """x, params, dout and norm; h's statistics bounded away from 0 and z away from the ReLU kink."""
    norm = norm or draw(st.sampled_from(["batch", "layer"]))
    projection = draw(st.booleans()) if projection is None else projection
    # two values per statistic normalise to +-1 whatever they are: gradients through them vanish (only eps is
    # left), too small to check numerically. So batch norm gets 1 or >= 3 rows, layer norm >= 3 features.
    # With batch norm and one input feature, every column of h is an affine function of that feature, which the
    # normalisation cancels: dW1 vanishes as well. So batch norm gets >= 2 input features.
    n, d = draw(st.sampled_from([1] + list(range(3, n_max + 1)))), draw(kst.dims(2 if norm == "batch" else 1, 4))
    hidden = draw(kst.dims(3 if norm == "layer" else 2, 4))
    d_out = draw(kst.dims(1, 4)) if projection else d
    rng = kst.rng_from(draw(kst.seeds()))
    x = rng.standard_normal((n, d))
    params = {"W1": rng.standard_normal((d, hidden)), "b1": rng.standard_normal(hidden),
              "gamma": rng.uniform(0.5, 1.5, hidden) * rng.choice([-1.0, 1.0], hidden),
              "beta": rng.uniform(-0.5, 0.5, hidden), "W2": rng.standard_normal((hidden, d_out)),
              "b2": rng.standard_normal(d_out)}
    if projection:
        params["Ws"] = rng.standard_normal((d, d_out))
    h = x @ params["W1"] + params["b1"]
    axis = 0 if norm == "batch" else 1
    if h.shape[axis] > 1:
        assume(h.var(axis=axis).min() > 0.05)
    h_hat = (h - h.mean(axis=axis, keepdims=True)) / np.sqrt(h.var(axis=axis, keepdims=True) + 1e-5)
    assume(np.abs(params["gamma"] * h_hat + params["beta"]).min() > 0.02)   # away from the ReLU kink
    return {"x": x, "params": params, "norm": norm, "dout": rng.standard_normal((n, d_out))}


def forward(sub, x, params, norm, eps=1e-5):
    d_out = params["W2"].shape[1]
    out, cache = expect_tuple(sub.residual_block_forward(x, params, norm, eps), ["out", "cache"],
                              call="residual_block_forward")
    return assert_array(out, name=f"out of residual_block_forward(x {x.shape}, norm={norm!r})",
                        shape=(len(x), d_out)), cache


def backward(sub, dout, cache, x, params):
    grads = sub.residual_block_backward(dout, cache)
    wanted = {"x"} | set(params)
    if not isinstance(grads, dict) or set(grads) != wanted:
        got = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
        fail(f"residual_block_backward should return a dict with the keys {sorted(wanted)} (\"x\" and one per "
             f"parameter{', Ws included: the shortcut is a projection' if 'Ws' in params else ', no Ws: the shortcut is the identity'}), "
             f"got {got}.")
    for name in wanted:
        shape = x.shape if name == "x" else params[name].shape
        assert_array(grads[name], name=f"d{name} from residual_block_backward", shape=shape)
    return grads


@kata.check(points=2)
@given(st.just(None))
def values_by_hand(sub, ref, _):
    """residual_block_forward on two small examples worked out by hand (eps = 0), layer norm and batch norm"""
    params = {"W1": np.eye(2), "b1": np.zeros(2), "gamma": np.ones(2), "beta": np.zeros(2),
              "W2": np.array([[1.0, 0.0], [0.0, 3.0]]), "b2": np.array([0.5, 0.5])}
    out, _ = forward(sub, np.array([[1.0, 2.0]]), params, "layer", 0.0)
    assert_close(out, np.array([[1.5, 5.5]]),
                 name="out for x = [[1, 2]], W1 = I, norm='layer', eps=0: h_hat = [-1, 1], a = relu(h_hat) = [0, 1], "
                      "a @ W2 + b2 = [0.5, 3.5], plus the identity shortcut x")
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros(2), "gamma": np.ones(2), "beta": np.array([0.5, 0.0]),
              "W2": np.ones((2, 1)), "b2": np.zeros(1)}
    out, _ = forward(sub, np.array([[0.0], [2.0]]), params, "batch", 0.0)
    assert_close(out, np.array([[1.0], [3.5]]),
                 name="out for x = [[0], [2]], W1 = [[1, -1]], beta = [0.5, 0], W2 = [[1], [1]], norm='batch', eps=0: "
                      "h = [[0, 0], [2, -2]], each column normalised over the batch to [[-1, 1], [1, -1]], "
                      "z = [[-0.5, 1], [1.5, -1]], a @ W2 = [[1], [1.5]], plus x")


@kata.check(points=2)
@given(case=block_cases())
def zero_branch_is_the_shortcut(sub, ref, case):
    """with W2 = 0 and b2 = 0 the block returns its shortcut: x itself, or x @ Ws"""
    x, params = case["x"], dict(case["params"])
    params["W2"], params["b2"] = np.zeros_like(params["W2"]), np.zeros_like(params["b2"])
    out, _ = forward(sub, x, params, case["norm"])
    shortcut = x @ params["Ws"] if "Ws" in params else x
    assert_close(out, shortcut, name=f"out of residual_block_forward with W2 = 0, b2 = 0, norm={case['norm']!r} "
                                     f"({'the projection x @ Ws' if 'Ws' in params else 'the identity: out = x'}; "
                                     "no ReLU after the sum)")


@kata.check(points=2)
@given(case=block_cases(projection=True), norm=st.sampled_from(["batch", "layer"]))
def normalises_over_the_right_axis(sub, ref, case, norm):
    """batch norm normalises each column of h over the batch, layer norm each row over the features"""
    x, params = case["x"], dict(case["params"])
    hidden = params["W1"].shape[1]
    # W2 = I, b2 = 0, Ws = 0 and a large beta: out is z = gamma * h_hat + beta itself, with the ReLU inactive
    params.update(W2=np.eye(hidden), b2=np.zeros(hidden), Ws=np.zeros((x.shape[1], hidden)),
                  beta=np.full(hidden, 50.0))
    out, _ = forward(sub, x, params, norm)
    h_hat = (out - 50.0) / params["gamma"]
    h = x @ params["W1"] + params["b1"]
    axis, over = (0, "each column, over the batch (axis 0)") if norm == "batch" else (1, "each row, over the "
                                                                                       "features (axis 1)")
    var = h.var(axis=axis)
    assert_close(h_hat.mean(axis=axis), np.zeros(var.shape), atol=1e-9,
                 name=f"the mean of (out - beta) / gamma, {over}, with norm={norm!r}, W2 = I, Ws = 0")
    assert_close(h_hat.var(axis=axis), var / (var + 1e-5),
                 name=f"the variance of (out - beta) / gamma, {over}, with norm={norm!r} (var(h) / (var(h) + eps): "
                      "the biased variance, eps inside the square root)")


@kata.check(points=4, max_examples=8)
@given(case=block_cases())
def backward_matches_numerical_gradient(sub, ref, case):
    """residual_block_backward agrees with the numerical gradients of your residual_block_forward"""
    x, params, norm, dout = case["x"], case["params"], case["norm"], case["dout"]
    _, cache = forward(sub, x, params, norm)
    grads = backward(sub, dout, cache, x, params)
    names = [name for name in ORDER if name in params]

    def f(x, *values):
        return sub.residual_block_forward(x, dict(zip(names, values)), norm)[0]

    analytic = [grads["x"]] + [grads[name] for name in names]
    if norm == "batch":
        # b1 shifts every column of h by a constant that the batch mean removes: its gradient is exactly 0, and
        # the numerical one is rounding noise, so it is checked as a value, not by a relative error.
        assert_close(grads["b1"], np.zeros_like(params["b1"]), atol=1e-9,
                     name="db1 with norm='batch' (b1 is cancelled by the batch mean: its gradient is 0)")
        analytic[names.index("b1") + 1] = None
    check_gradients(f, [x] + [params[name] for name in names], analytic, dout,
                    names=["dx"] + [f"d{name}" for name in names])
