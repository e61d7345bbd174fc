"""Hidden checks for the weight_init kata: the exact weights and fans of the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, expect_tuple, strategies as kst

from . import kata
from .public import check_no_fans

ANY_SHAPE = st.one_of(kst.shapes(2, 1, 9), kst.shapes(3, 1, 5), kst.shapes(4, 1, 4), kst.shapes(5, 1, 3))


@kata.check(points=1, hidden=True, max_examples=20)
@given(shape=ANY_SHAPE)
def fans_match_reference(sub, ref, shape):
    """fans agrees with the reference on dense, 1-D, 2-D and 3-D convolution shapes"""
    got = expect_tuple(sub.fans(shape), ["fan_in", "fan_out"], call=f"fans({shape})")
    assert_equal(list(got), list(ref.fans(shape)), name=f"fans({shape}) as (fan_in, fan_out)")
    check_no_fans(sub, shape[:1])  # one axis: no fans


@kata.check(points=2, hidden=True, max_examples=15)
@given(seed=kst.seeds(), shape=ANY_SHAPE, gain=st.sampled_from([1.0, 0.5, np.sqrt(2.0)]))
def weights_match_reference(sub, ref, seed, shape, gain):
    """Every initialiser draws exactly the reference's weights from the same seed"""
    calls = [("xavier_uniform", {"gain": gain}), ("xavier_normal", {"gain": gain}), ("he_uniform", {}), ("he_normal", {})]
    for name, kwargs in calls:
        args = "".join(f", {k}={v:.4g}" for k, v in kwargs.items())
        assert_close(getattr(sub, name)(shape, seed, **kwargs), getattr(ref, name)(shape, seed, **kwargs),
                     name=f"{name}({shape}, rng={seed}{args})")


@kata.check(points=1, hidden=True, max_examples=5)
@given(seed=kst.seeds())
def large_conv_weights_match_reference(sub, ref, seed):
    """On a large conv shape (64, 32, 3, 3), every initialiser matches the reference"""
    shape = (64, 32, 3, 3)
    for name in ("xavier_uniform", "xavier_normal", "he_uniform", "he_normal"):
        assert_close(getattr(sub, name)(shape, seed), getattr(ref, name)(shape, seed), name=f"{name}({shape}, rng={seed})")
