"""Hidden checks for residual_block: forward and backward against the reference, batches of one included."""
from hypothesis import given, strategies as st

from graders import assert_close
from graders import strategies as kst

from . import kata
from .public import ORDER, backward, forward


@st.composite
def wide_cases(draw):
    """Any sizes (a batch of one included), any eps, norms and shortcuts; no conditioning needed for values."""
    norm, projection = draw(st.sampled_from(["batch", "layer"])), draw(st.booleans())
    n, d, hidden = draw(kst.dims(1, 6)), draw(kst.dims(1, 5)), draw(kst.dims(1, 6))
    d_out = draw(kst.dims(1, 5)) if projection else d
    rng = kst.rng_from(draw(kst.seeds()))
    params = {"W1": rng.standard_normal((d, hidden)), "b1": rng.standard_normal(hidden),
              "gamma": rng.standard_normal(hidden), "beta": rng.standard_normal(hidden),
              "W2": rng.standard_normal((hidden, d_out)), "b2": rng.standard_normal(d_out)}
    if projection:
        params["Ws"] = rng.standard_normal((d, d_out))
    return {"x": 3.0 * rng.standard_normal((n, d)), "params": params, "norm": norm,
            "dout": rng.standard_normal((n, d_out)), "eps": draw(st.sampled_from([1e-5, 0.1]))}


def describe(case):
    p = case["params"]
    return (f"x {case['x'].shape}, W1 {p['W1'].shape}, W2 {p['W2'].shape}, norm={case['norm']!r}, "
            f"{'projection Ws ' + str(p['Ws'].shape) if 'Ws' in p else 'identity shortcut'}, eps={case['eps']}")


@kata.check(points=2, hidden=True)
@given(case=wide_cases())
def forward_matches_reference(sub, ref, case):
    """residual_block_forward matches the reference"""
    out, _ = forward(sub, case["x"], case["params"], case["norm"], case["eps"])
    expected, _ = ref.residual_block_forward(case["x"], case["params"], case["norm"], case["eps"])
    assert_close(out, expected, name=f"out of residual_block_forward({describe(case)})")


@kata.check(points=3, hidden=True)
@given(case=wide_cases())
def backward_matches_reference(sub, ref, case):
    """residual_block_backward matches the reference for every gradient"""
    x, params = case["x"], case["params"]
    _, cache = forward(sub, x, params, case["norm"], case["eps"])
    grads = backward(sub, case["dout"], cache, x, params)
    _, e_cache = ref.residual_block_forward(x, params, case["norm"], case["eps"])
    expected = ref.residual_block_backward(case["dout"], e_cache)
    for name in ("x",) + tuple(n for n in ORDER if n in params):
        assert_close(grads[name], expected[name], atol=1e-7,
                     name=f"d{name} of residual_block_backward after residual_block_forward({describe(case)})")
