"""Hidden checks for the batchnorm kata: agreement with the reference, forward and backward."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, strategies as kst

from . import kata
from .public import bn_cases, forward

momenta = st.sampled_from([0.9, 0.99, 0.5, 0.0])
epsilons = st.sampled_from([1e-5, 1e-3, 0.1])


def compare_forward(sub, ref, case, mode, momentum, eps):
    out, cache, new_state, call = forward(sub, case, mode=mode, momentum=momentum, eps=eps)
    e_out, e_cache, e_state = ref.batchnorm_forward(
        case["x"], case["gamma"], case["beta"], case["state"], mode=mode, momentum=momentum, eps=eps
    )
    assert_close(out, e_out, name=f"out of {call}")
    assert_close(new_state["running_mean"], e_state["running_mean"], name=f"new_state['running_mean'] from {call}")
    assert_close(new_state["running_var"], e_state["running_var"], name=f"new_state['running_var'] from {call}")
    return cache, e_cache, new_state, e_state


@kata.check(points=2, hidden=True)
@given(case=bn_cases(), momentum=momenta, eps=epsilons)
def train_forward_matches_reference(sub, ref, case, momentum, eps):
    """Train-mode output and running statistics match the reference for any momentum and eps"""
    compare_forward(sub, ref, case, "train", momentum, eps)


@kata.check(points=1, hidden=True)
@given(case=bn_cases(n_min=1), momentum=momenta, eps=epsilons)
def test_forward_matches_reference(sub, ref, case, momentum, eps):
    """Test-mode output matches the reference and the state is returned unchanged"""
    compare_forward(sub, ref, case, "test", momentum, eps)


@kata.check(points=2, hidden=True)
@given(case=bn_cases(n_min=3, n_max=6, d_max=4), eps=epsilons)
def backward_matches_reference(sub, ref, case, eps):
    """dx, dgamma and dbeta match the reference gradients, with shapes (N, D), (D,), (D,)"""
    cache, e_cache, _, _ = compare_forward(sub, ref, case, "train", 0.9, eps)
    grads = expect_tuple(sub.batchnorm_backward(case["dout"], cache), ["dx", "dgamma", "dbeta"], call="batchnorm_backward")
    for name, got, expected in zip(["dx", "dgamma", "dbeta"], grads, ref.batchnorm_backward(case["dout"], e_cache)):
        assert_close(got, expected, name=f"{name} from batchnorm_backward (x of shape {case['x'].shape}, eps={eps:g})")


@st.composite
def batch_sequences(draw):
    """Two to four train batches with the same D, then a test batch, and a starting state."""
    d, k = draw(kst.dims(1, 3)), draw(st.integers(2, 4))
    rng = kst.rng_from(draw(kst.seeds()))
    batches = []
    for _ in range(k):
        n = int(rng.integers(2, 5))
        batches.append(rng.uniform(-2, 2, d) + rng.uniform(0.5, 2.0, d) * rng.standard_normal((n, d)))
    return {
        "batches": batches,
        "test_x": rng.uniform(-2, 2, (3, d)),
        "gamma": rng.uniform(0.5, 2.0, d),
        "beta": rng.uniform(-1, 1, d),
        "state": {"running_mean": np.zeros(d), "running_var": np.ones(d)},
    }


@kata.check(points=1, hidden=True)
@given(seq=batch_sequences(), momentum=momenta)
def running_statistics_over_several_batches_match_reference(sub, ref, seq, momentum):
    """Running statistics carried through several train batches, then used in test mode, match the reference"""
    gamma, beta = seq["gamma"], seq["beta"]
    state = expected = seq["state"]
    for i, x in enumerate(seq["batches"]):
        case = {"x": x, "gamma": gamma, "beta": beta, "state": state}
        _, _, state, _ = forward(sub, case, momentum=momentum)
        expected = ref.batchnorm_forward(x, gamma, beta, expected, momentum=momentum)[2]
        where = f"after {i + 1} train batches from running_mean = 0, running_var = 1 (momentum={momentum:g})"
        assert_close(state["running_mean"], expected["running_mean"], name=f"running_mean {where}")
        assert_close(state["running_var"], expected["running_var"], name=f"running_var {where}")
    case = {"x": seq["test_x"], "gamma": gamma, "beta": beta, "state": state}
    out, _, _, call = forward(sub, case, mode="test")
    e_out = ref.batchnorm_forward(seq["test_x"], gamma, beta, expected, mode="test")[0]
    assert_close(out, e_out, name=f"out of {call} with the running statistics of {len(seq['batches'])} train batches")
