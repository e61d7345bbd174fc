"""Public checks of the dropout kata: the mask as specified, test mode, statistics, the numerical gradient."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst

from . import kata


def forward(sub, x, p, mode, seed):
    out, cache = expect_tuple(sub.dropout_forward(x, p, mode, seed), ["out", "cache"], call="dropout_forward")
    return assert_array(out, name=f"dropout_forward(x, p={p}, mode={mode!r}, seed={seed}): out", shape=x.shape), cache


@st.composite
def cases(draw, max_side=4):
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(kst.shapes(draw(kst.dims(1, 3)), max_side=max_side))  # 1-D to 3-D
    x = rng.uniform(0.5, 2.0, size=shape) * np.where(rng.random(shape) < 0.5, -1.0, 1.0)   # no zeros in x
    return {"x": x, "dout": rng.standard_normal(shape), "p": draw(st.sampled_from([0.2, 0.5, 0.8, 1.0])),
            "seed": draw(st.integers(0, 2**31 - 1))}


@kata.check(points=1)
@given(case=cases())
def test_mode_is_identity(sub, ref, case):
    """in test mode the forward returns x and the backward returns dout, whatever p and seed"""
    x, p, seed = case["x"], case["p"], case["seed"]
    out, cache = forward(sub, x, p, "test", seed)
    assert_close(out, x, name=f"dropout_forward(x, p={p}, mode='test'): out (test mode does nothing: no mask, no scaling)")
    assert_close(sub.dropout_backward(case["dout"], cache), case["dout"], name="dropout_backward in test mode: dx")


@kata.check(points=3)
@given(case=cases())
def train_mode_uses_the_specified_mask(sub, ref, case):
    """in train mode out = x * mask with mask = (default_rng(seed).random(x.shape) < p) / p"""
    x, p, seed = case["x"], case["p"], case["seed"]
    out, _ = forward(sub, x, p, "train", seed)
    ratio = out / x
    if not np.all(np.isclose(ratio, 0.0, atol=1e-12) | np.isclose(ratio, 1.0 / p, rtol=1e-9)):
        bad = [int(i) for i in np.argwhere(~(np.isclose(ratio, 0.0, atol=1e-12) | np.isclose(ratio, 1.0 / p, rtol=1e-9)))[0]]
        fail(f"dropout_forward(x, p={p}, mode='train', seed={seed}): out[{bad}] / x[{bad}] = {ratio[tuple(bad)]:.6g}; "
             f"every unit must be either dropped (0) or kept and scaled by 1/p = {1 / p:.6g} (inverted dropout).")
    mask = (np.random.default_rng(seed).random(x.shape) < p) / p
    assert_close(out, x * mask, name=f"dropout_forward(x, p={p}, mode='train', seed={seed}): out "
                 "(draw the mask exactly as the README says: rng = np.random.default_rng(seed); rng.random(x.shape) < p)")


@kata.check(points=1)
def keeps_about_a_fraction_p_and_the_mean(sub, ref):
    """on 10,000 ones, train mode keeps close to a fraction p of them and their mean stays close to 1"""
    x = np.ones((100, 100))
    for p in (0.3, 0.9):
        out, _ = forward(sub, x, p, "train", 7)
        kept = float(np.mean(out != 0))
        sd = np.sqrt(p * (1 - p) / x.size)
        if abs(kept - p) > 5 * sd:
            fail(f"dropout_forward(ones((100, 100)), p={p}, mode='train', seed=7) kept a fraction {kept:.4f} of the "
                 f"units; expected about p = {p} (p is the probability of KEEPING a unit).")
        if abs(float(out.mean()) - 1.0) > 5 * sd / p:
            fail(f"dropout_forward(ones((100, 100)), p={p}, mode='train', seed=7) has mean {out.mean():.4f}; inverted "
                 "dropout divides the kept units by p so that the mean stays about 1.")


@kata.check(points=1)
@given(case=cases(max_side=6))
def same_seed_same_mask(sub, ref, case):
    """the same seed drops the same units twice; another seed drops other units"""
    x, seed = case["x"], case["seed"]
    a, _ = forward(sub, x, 0.5, "train", seed)
    b, _ = forward(sub, x, 0.5, "train", seed)
    assert_close(b, a, name=f"a second dropout_forward(x, p=0.5, mode='train', seed={seed}) compared with the first "
                 "(use a generator made from the seed, never the global np.random state)")
    big = np.ones((20, 20))
    c, _ = forward(sub, big, 0.5, "train", seed)
    d, _ = forward(sub, big, 0.5, "train", seed + 1)
    if np.array_equal(c != 0, d != 0):
        fail(f"dropout_forward(ones((20, 20)), p=0.5, mode='train') dropped exactly the same 400 units with seed={seed} "
             f"and seed={seed + 1}: the mask must come from np.random.default_rng(seed).")


@kata.check(points=2, max_examples=6)
@given(case=cases(max_side=3))
def backward_matches_numerical_gradient(sub, ref, case):
    """dropout_backward agrees with the numerical gradient of your dropout_forward (same seed)"""
    x, dout, p, seed = case["x"], case["dout"], case["p"], case["seed"]
    _, cache = forward(sub, x, p, "train", seed)
    dx = sub.dropout_backward(dout, cache)
    check_gradients(lambda x: sub.dropout_forward(x, p, "train", seed)[0], [x], [dx], dout, names=["dx"])
