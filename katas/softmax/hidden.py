"""Hidden checks of the softmax kata: comparisons with the reference, rows of very different scales."""
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, strategies as kst

from . import kata


@st.composite
def cases(draw):
    """Logits (N, C) with a scale from gentle to huge, each row shifted by its own offset, and labels."""
    n, c = draw(kst.dims(1, 5)), draw(kst.dims(1, 6))
    scale = draw(st.sampled_from([0.1, 1.0, 5.0, 30.0, 300.0]))
    rng = kst.rng_from(draw(kst.seeds()))
    z = scale * rng.standard_normal((n, c)) + rng.uniform(-800.0, 800.0, size=(n, 1))
    return z, rng.integers(0, c, size=n)


@kata.check(points=2, hidden=True)
@given(case=cases())
def softmax_matches_reference(sub, ref, case):
    """softmax matches the reference, for logits of every scale"""
    z, _ = case
    assert_close(sub.softmax(z), ref.softmax(z), name="softmax(logits)")


@kata.check(points=2, hidden=True)
@given(case=cases())
def log_softmax_matches_reference(sub, ref, case):
    """log_softmax matches the reference, for logits of every scale"""
    z, _ = case
    assert_close(sub.log_softmax(z), ref.log_softmax(z), name="log_softmax(logits)")


@kata.check(points=3, hidden=True)
@given(case=cases())
def cross_entropy_matches_reference(sub, ref, case):
    """cross_entropy's loss and dlogits match the reference"""
    z, y = case
    loss, dz = expect_tuple(sub.cross_entropy(z, y), ["loss", "dlogits"], call="cross_entropy")
    ref_loss, ref_dz = ref.cross_entropy(z, y)
    assert_close(loss, ref_loss, name="loss")
    assert_close(dz, ref_dz, name="dlogits")
