"""Hidden checks of the layernorm kata: forward and backward against the reference."""
from hypothesis import given, strategies as st

from graders import assert_close, strategies as kst

from . import kata
from .public import backward, forward


@st.composite
def cases(draw):
    """x (N, D) with a per-row offset up to 1e6 and a spread from 0.01 to 100, gamma, beta, dout, eps."""
    rng = kst.rng_from(draw(kst.seeds()))
    n, d = draw(kst.dims(1, 5)), draw(kst.dims(1, 8))
    spread = draw(st.sampled_from([0.01, 1.0, 100.0]))
    offset = draw(st.sampled_from([0.0, 10.0, 1e6]))
    x = offset * rng.uniform(-1.0, 1.0, size=(n, 1)) + spread * rng.standard_normal((n, d))
    return {"x": x, "gamma": rng.standard_normal(d), "beta": rng.standard_normal(d),
            "dout": rng.standard_normal((n, d)), "eps": draw(st.sampled_from([1e-5, 1e-3, 0.5]))}


@kata.check(points=2, hidden=True)
@given(case=cases())
def forward_matches_reference(sub, ref, case):
    """layernorm_forward matches the reference, for rows of any scale and offset and any eps"""
    x, gamma, beta, eps = case["x"], case["gamma"], case["beta"], case["eps"]
    out, _ = forward(sub, x, gamma, beta, eps)
    assert_close(out, ref.layernorm_forward(x, gamma, beta, eps)[0], rtol=1e-6, atol=1e-7,
                 name=f"layernorm_forward(x, gamma, beta, eps={eps}): out")


@kata.check(points=3, hidden=True)
@given(case=cases())
def backward_matches_reference(sub, ref, case):
    """layernorm_backward's dx, dgamma and dbeta match the reference"""
    x, gamma, beta, eps, dout = case["x"], case["gamma"], case["beta"], case["eps"], case["dout"]
    _, cache = forward(sub, x, gamma, beta, eps)
    got = backward(sub, dout, cache, x.shape[1])
    expected = ref.layernorm_backward(dout, ref.layernorm_forward(x, gamma, beta, eps)[1])
    for g, e, name in zip(got, expected, ["dx", "dgamma", "dbeta"]):
        assert_close(g, e, rtol=1e-6, atol=1e-7, name=f"layernorm_backward after layernorm_forward(eps={eps}): {name}")


@kata.check(points=1, hidden=True)
@given(case=cases())
def default_eps_matches_reference(sub, ref, case):
    """layernorm_forward with eps left at its default (1e-5) matches the reference"""
    x, gamma, beta = case["x"], case["gamma"], case["beta"]
    out = sub.layernorm_forward(x, gamma, beta)[0]
    assert_close(out, ref.layernorm_forward(x, gamma, beta)[0], rtol=1e-6, atol=1e-7,
                 name="layernorm_forward(x, gamma, beta) with the default eps: out")
