"""Hidden checks of the losses kata: every loss and gradient against the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, strategies as kst

from . import kata


@st.composite
def cases(draw):
    """Arrays of one of several shapes (1-D, 2-D with several rows, 3-D) and every kind of target."""
    rng = kst.rng_from(draw(kst.seeds()))
    shape = draw(st.sampled_from([(5,), (3, 4), (4, 1), (2, 3, 2), (1, 6)]))
    scale = draw(st.sampled_from([0.3, 1.0, 5.0]))
    return {
        "pred": scale * rng.standard_normal(shape),
        "target": scale * rng.standard_normal(shape),
        "delta": draw(st.floats(0.1, 3.0)),
        "p": rng.uniform(0.01, 0.99, size=shape),
        "y01": rng.uniform(0.0, 1.0, size=shape) if draw(st.booleans()) else (rng.random(shape) < 0.5).astype(float),
        "z": draw(st.sampled_from([1.0, 10.0, 300.0])) * rng.standard_normal(shape),
        "signs": np.where(rng.random(shape) < 0.5, -1.0, 1.0),
    }


def _compare(sub, ref, name, *args, **kwargs):
    got_loss, got_grad = expect_tuple(getattr(sub, name)(*args, **kwargs), ["loss", "grad"], call=name)
    loss, grad = getattr(ref, name)(*args, **kwargs)
    assert_close(got_loss, loss, name=f"{name}: loss")
    assert_close(got_grad, grad, name=f"{name}: gradient")


@kata.check(points=2, hidden=True)
@given(case=cases())
def regression_losses_match_reference(sub, ref, case):
    """mse, mae and huber (any delta) match the reference on arrays of several shapes"""
    _compare(sub, ref, "mse", case["pred"], case["target"])
    _compare(sub, ref, "mae", case["pred"], case["target"])
    _compare(sub, ref, "huber", case["pred"], case["target"], delta=case["delta"])


@kata.check(points=2, hidden=True)
@given(case=cases())
def binary_cross_entropy_matches_reference(sub, ref, case):
    """binary_cross_entropy matches the reference, for hard and soft targets"""
    _compare(sub, ref, "binary_cross_entropy", case["p"], case["y01"])


@kata.check(points=2, hidden=True)
@given(case=cases())
def binary_cross_entropy_with_logits_matches_reference(sub, ref, case):
    """binary_cross_entropy_with_logits matches the reference, for logits up to several hundred"""
    _compare(sub, ref, "binary_cross_entropy_with_logits", case["z"], case["y01"])


@kata.check(points=2, hidden=True)
@given(case=cases())
def hinge_matches_reference(sub, ref, case):
    """hinge matches the reference for labels -1 and +1"""
    _compare(sub, ref, "hinge", case["pred"], case["signs"])
