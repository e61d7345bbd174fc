"""Public checks for the batchnorm kata: properties, formulas and a numerical gradient check (no reference)."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst

from . import kata


@st.composite
def bn_cases(draw, n_min=2, n_max=5, d_max=3):
    """x of shape (N, D) whose columns have a variance in [0.25, 4] when N > 1, gamma, beta, a state, dout."""
    n, d = draw(kst.dims(n_min, n_max)), draw(kst.dims(1, d_max))
    rng = kst.rng_from(draw(kst.seeds()))
    z = rng.standard_normal((n, d))
    if n > 1:
        z = (z - z.mean(axis=0)) / z.std(axis=0)  # every column: mean 0, biased variance 1
    x = rng.uniform(-2, 2, d) + rng.uniform(0.5, 2.0, d) * z
    return {
        "x": x,
        "gamma": rng.uniform(0.5, 2.0, d) * rng.choice([-1.0, 1.0], d),
        "beta": rng.uniform(-1, 1, d),
        "state": {"running_mean": rng.uniform(-1, 1, d), "running_var": rng.uniform(0.5, 2.0, d)},
        "dout": rng.uniform(-1, 1, (n, d)),
    }


def forward(sub, case, mode="train", **kwargs):
    """Call the student's batchnorm_forward and check the (out, cache, new_state) structure."""
    x = case["x"]
    extra = "".join(f", {k}={v:g}" for k, v in kwargs.items())
    call = f"batchnorm_forward(x of shape {x.shape}, gamma, beta, state, mode={mode!r}{extra})"
    got = sub.batchnorm_forward(x, case["gamma"], case["beta"], case["state"], mode=mode, **kwargs)
    out, cache, new_state = expect_tuple(got, ["out", "cache", "new_state"], call=call)
    if not isinstance(new_state, dict) or set(new_state) != {"running_mean", "running_var"}:
        keys = sorted(new_state) if isinstance(new_state, dict) else type(new_state).__name__
        fail(f"{call}: new_state should be a dict with exactly the keys 'running_mean' and 'running_var', got {keys}.")
    return out, cache, new_state, call


@kata.check(points=2)
@given(case=bn_cases())
def train_output_is_normalized_per_feature(sub, ref, case):
    """In train mode each output column has mean beta and variance gamma**2 * var / (var + eps)"""
    x, gamma, beta = case["x"], case["gamma"], case["beta"]
    out, _, _, call = forward(sub, case)
    out = assert_array(out, name=f"out of {call}", shape=x.shape)
    var = x.var(axis=0)  # biased (divides by N): the batch variance of batchnorm
    assert_close(out.mean(axis=0), beta, name=f"the column means of out from {call} (expected beta)")
    assert_close(
        out.var(axis=0), gamma**2 * var / (var + 1e-5),
        name=f"the column variances of out from {call} (expected gamma**2 * var / (var + eps), var = x.var(axis=0))",
    )


@kata.check(points=1)
@given(case=bn_cases(), momentum=st.sampled_from([0.9, 0.5, 0.1]))
def train_mode_updates_running_statistics(sub, ref, case, momentum):
    """Train mode returns running = momentum * running + (1 - momentum) * batch mean / variance"""
    x, state = case["x"], case["state"]
    _, _, new_state, call = forward(sub, case, momentum=momentum)
    assert_close(
        new_state["running_mean"], momentum * state["running_mean"] + (1 - momentum) * x.mean(axis=0),
        name=f"new_state['running_mean'] from {call}",
    )
    assert_close(
        new_state["running_var"], momentum * state["running_var"] + (1 - momentum) * x.var(axis=0),
        name=f"new_state['running_var'] from {call} (the batch variance is the biased x.var(axis=0))",
    )


@kata.check(points=2)
@given(case=bn_cases(n_min=1))
def test_mode_uses_running_statistics(sub, ref, case):
    """Test mode normalises with the running statistics and returns them unchanged"""
    x, gamma, beta, state = case["x"], case["gamma"], case["beta"], case["state"]
    out, _, new_state, call = forward(sub, case, mode="test")
    expected = gamma * (x - state["running_mean"]) / np.sqrt(state["running_var"] + 1e-5) + beta
    assert_close(out, expected, name=f"out of {call} (expected gamma * (x - running_mean) / sqrt(running_var + eps) + beta)")
    assert_close(new_state["running_mean"], state["running_mean"], name=f"new_state['running_mean'] from {call} (unchanged)")
    assert_close(new_state["running_var"], state["running_var"], name=f"new_state['running_var'] from {call} (unchanged)")


@kata.check(points=3, max_examples=6)
@given(case=bn_cases(n_min=3, n_max=4))
def backward_matches_numerical_gradient(sub, ref, case):
    """batchnorm_backward agrees with the numerical gradient of your train-mode batchnorm_forward"""
    x, gamma, beta, state, dout = case["x"], case["gamma"], case["beta"], case["state"], case["dout"]
    _, cache, _, _ = forward(sub, case)
    grads = expect_tuple(sub.batchnorm_backward(dout, cache), ["dx", "dgamma", "dbeta"], call="batchnorm_backward")
    check_gradients(
        lambda x, gamma, beta: sub.batchnorm_forward(x, gamma, beta, state, mode="train")[0],
        [x, gamma, beta], grads, dout, names=["dx", "dgamma", "dbeta"],
    )


# Three train batches of two samples and two features: batch means [1, 0], [3, -2], [0, 4], batch (biased)
# variances [1, 4], [4, 1], [9, 0.25].
CHAIN = [np.array([[0.0, -2.0], [2.0, 2.0]]), np.array([[1.0, -1.0], [5.0, -3.0]]), np.array([[-3.0, 3.5], [3.0, 4.5]])]


@kata.check(points=1)
def running_statistics_are_carried_from_call_to_call(sub, ref):
    """Three train calls, each given the new_state of the one before, from running_mean 0 and running_var 1"""
    d = 2
    state = {"running_mean": np.zeros(d), "running_var": np.ones(d)}
    mean, var = np.zeros(d), np.ones(d)
    for i, x in enumerate(CHAIN):
        case = {"x": x, "gamma": np.ones(d), "beta": np.zeros(d), "state": state}
        _, _, state, call = forward(sub, case, momentum=0.5)
        mean, var = 0.5 * mean + 0.5 * x.mean(axis=0), 0.5 * var + 0.5 * x.var(axis=0)
        where = (f"after {i + 1} train call(s) with momentum=0.5, each given the previous new_state, from running_mean "
                 "= [0, 0] and running_var = [1, 1] (the start is a state like any other)")
        assert_close(state["running_mean"], mean, name=f"new_state['running_mean'] {where}")
        assert_close(state["running_var"], var, name=f"new_state['running_var'] {where}")


# Degenerate batches, worked out by hand from the README: one row (N = 1), and a column whose values all equal
# their mean (var = 0). There x_hat = 0, so out = beta, dgamma = 0 and dbeta = the column sum of dout;
# dx = gamma * (dout - mean of dout) / sqrt(eps), which is 0 for one row and finite (eps keeps it so).
DEGENERATE = [
    ("one row", np.array([[0.7, -1.2]]), np.array([[0.5, -2.0]])),
    ("a constant first column", np.array([[3.0, 1.0], [3.0, -1.0], [3.0, 0.5]]),
     np.array([[1.0, 0.2], [-0.5, 0.4], [0.3, -1.0]])),
]


@kata.check(points=1)
def one_row_and_constant_column_stay_finite(sub, ref):
    """Train mode on one row, or on a column equal to its mean everywhere: out = beta there, finite exact gradients"""
    gamma, beta, eps = np.array([2.0, -0.5]), np.array([0.25, 1.0]), 1e-5
    state = {"running_mean": np.array([0.1, -0.2]), "running_var": np.array([1.5, 0.8])}
    for what, x, dout in DEGENERATE:
        case = {"x": x, "gamma": gamma, "beta": beta, "state": state}
        out, cache, new_state, call = forward(sub, case)
        where = f"from {call} on {what}, x = {x.tolist()}"
        var = x.var(axis=0)
        x_hat = (x - x.mean(axis=0)) / np.sqrt(var + eps)
        assert_close(out, gamma * x_hat + beta, name=f"out {where} (a column with var = 0 gives beta)")
        assert_close(new_state["running_var"], 0.9 * state["running_var"] + 0.1 * var,
                     name=f"new_state['running_var'] {where} (the biased variance: 0 for one row)")
        grads = expect_tuple(sub.batchnorm_backward(dout, cache), ["dx", "dgamma", "dbeta"], call="batchnorm_backward")
        g = dout * gamma
        dx = (g - g.mean(axis=0) - x_hat * (g * x_hat).mean(axis=0)) / np.sqrt(var + eps)
        where = f"from batchnorm_backward on {what}, x = {x.tolist()}, dout = {dout.tolist()}"
        assert_close(grads[0], dx, name=f"dx {where} (finite: eps keeps 1 / sqrt(var + eps) finite)",
                     rtol=1e-6, atol=1e-6)
        assert_close(grads[1], (dout * x_hat).sum(axis=0), name=f"dgamma {where}")
        assert_close(grads[2], dout.sum(axis=0), name=f"dbeta {where}")
