"""Public checks for the weight_init kata: fan conventions by hand, reproducibility, and statistics of large draws."""
import math

import numpy as np
from hypothesis import given, strategies as st

from graders import StudentError, assert_array, assert_close, assert_equal, expect_tuple, fail, strategies as kst

from . import kata

# shape -> (fan_in, fan_out), worked out by hand (README, "Fans").
FAN_TABLE = [
    ((3, 5), (3, 5)),
    ((784, 100), (784, 100)),
    ((64, 3, 3, 3), (27, 576)),
    ((10, 20, 1, 1), (20, 10)),
    ((16, 8, 5), (40, 80)),
    ((4, 2, 3, 3, 3), (54, 108)),
]

# Large shapes for the statistical checks (at least 2304 weights each), dense and conv.
BIG_SHAPES = st.one_of(
    st.tuples(st.sampled_from([64, 256, 512]), st.sampled_from([48, 100, 300])),
    st.tuples(st.sampled_from([16, 32]), st.sampled_from([16, 32]), st.sampled_from([3, 5]), st.sampled_from([3, 5])),
)


def hand_fans(shape):
    receptive = math.prod(shape[2:])
    return (shape[0], shape[1]) if len(shape) == 2 else (shape[1] * receptive, shape[0] * receptive)


def draw_weights(sub, name, shape, seed, **kwargs):
    args = "".join(f", {k}={v}" for k, v in kwargs.items())
    call = f"{name}({shape}, rng={seed}{args})"
    return assert_array(getattr(sub, name)(shape, seed, **kwargs), name=call, shape=shape), call


def check_moments(w, call, variance, fan_text):
    """Sample mean and variance of ``w`` within 6 standard errors of 0 and ``variance``."""
    n = w.size
    mean = float(w.mean())
    if abs(mean) > 6.0 * math.sqrt(variance / n):
        fail(f"{call}: the sample mean is {mean:.4g}, but for {n} zero-mean weights of variance {variance:.4g} it "
             f"should be within {6.0 * math.sqrt(variance / n):.3g} of 0.")
    # the fourth moment bounds the spread of the sample variance for both distributions (kurtosis <= 3)
    sample_var = float(np.mean(w**2))
    tolerance = 6.0 * variance * math.sqrt(2.0 / n)
    if abs(sample_var - variance) > tolerance:
        fail(f"{call}: the sample variance is {sample_var:.5g}, expected {variance:.5g} ({fan_text}) within "
             f"{tolerance:.2g}; the ratio is {sample_var / variance:.3g}. Check the fans and the formula of the "
             "bound or the standard deviation.")


@kata.check(points=1)
@given(case=st.just(None))
def fans_of_dense_and_conv_shapes(sub, ref, case):
    """fans: dense (D_in, D_out) and conv (F, C, kh, kw) shapes give the README's fan_in and fan_out"""
    for shape, expected in FAN_TABLE:
        got = expect_tuple(sub.fans(shape), ["fan_in", "fan_out"], call=f"fans({shape})")
        if tuple(got) == expected[::-1] and expected[0] != expected[1]:
            fail(f"fans({shape}) returned {tuple(got)}, expected {expected}: fan_in and fan_out are swapped. Dense weights "
                 "here are (D_in, D_out), used as x @ W (not PyTorch's (out, in)); conv weights are (F, C, kh, kw).")
        assert_equal(list(got), list(expected), name=f"fans({shape}) as (fan_in, fan_out)")


def check_no_fans(sub, shape):
    """fans(shape) of a shape with fewer than two axes must raise ValueError."""
    try:
        got = sub.fans(shape)
    except StudentError as exc:
        if exc.exc_type != "ValueError":
            fail(f"fans({shape}) raised {exc.exc_type or 'an exception'}; a shape with fewer than two axes has no fans "
                 "and must raise ValueError (check len(shape) < 2 first, before reading shape[0] or shape[1]).")
        return
    fail(f"fans({shape}) returned {got!r}; a shape with fewer than two axes has no fans: raise ValueError.")


@kata.check(points=1)
@given(case=st.just(None))
def shapes_without_two_axes_have_no_fans(sub, ref, case):
    """fans of a shape with fewer than two axes ((5,) or ()) raises ValueError"""
    for shape in ((5,), ()):
        check_no_fans(sub, shape)


@kata.check(points=1, max_examples=5)
@given(seed=kst.seeds(), shape=st.one_of(kst.shapes(2, 1, 6), kst.shapes(4, 1, 3)))
def same_seed_same_weights(sub, ref, seed, shape):
    """Each initialiser returns float64 of the given shape, the same for the same seed, new for a new seed"""
    for name in ("xavier_uniform", "xavier_normal", "he_uniform", "he_normal"):
        w, call = draw_weights(sub, name, shape, seed)
        again = getattr(sub, name)(shape, seed)
        if not (isinstance(again, np.ndarray) and again.shape == w.shape and np.array_equal(again, w)):
            fail(f"{call} gave different weights when called twice with the same seed: draw everything from "
                 "rng = np.random.default_rng(rng), never from np.random.* (the global state).")
        other = getattr(sub, name)(shape, seed + 1)
        if w.size >= 2 and isinstance(other, np.ndarray) and np.array_equal(other, w):
            fail(f"{call} gave the same weights for seeds {seed} and {seed + 1}: the weights must come from the rng.")


@kata.check(points=2, max_examples=8)
@given(seed=kst.seeds(), shape=BIG_SHAPES, gain=st.sampled_from([1.0, 0.5, math.sqrt(2.0)]))
def uniform_initialisers_fill_their_range(sub, ref, seed, shape, gain):
    """xavier_uniform and he_uniform stay within [-a, a], reach near a, with mean 0 and variance a^2 / 3"""
    fan_in, fan_out = hand_fans(shape)
    cases = [("xavier_uniform", {"gain": gain}, gain * math.sqrt(6.0 / (fan_in + fan_out)),
              f"a = gain * sqrt(6 / (fan_in + fan_out)) with fan_in={fan_in}, fan_out={fan_out}, gain={gain:.4g}"),
             ("he_uniform", {}, math.sqrt(6.0 / fan_in), f"a = sqrt(6 / fan_in) with fan_in={fan_in}")]
    for name, kwargs, a, fan_text in cases:
        w, call = draw_weights(sub, name, shape, seed, **kwargs)
        top = float(np.abs(w).max())
        if top > a * (1 + 1e-12):
            fail(f"{call}: a weight of magnitude {top:.5g} lies outside [-a, a] with {fan_text}, i.e. a = {a:.5g}.")
        if top < 0.99 * a:
            fail(f"{call}: the largest magnitude among {w.size} weights is {top:.5g}, but uniform weights on [-a, a] "
                 f"with {fan_text} (a = {a:.5g}) come very close to a. The bound is too small.")
        check_moments(w, call, a * a / 3.0, fan_text)


@kata.check(points=2, max_examples=8)
@given(seed=kst.seeds(), shape=BIG_SHAPES, gain=st.sampled_from([1.0, 0.5, math.sqrt(2.0)]))
def normal_initialisers_have_the_right_variance(sub, ref, seed, shape, gain):
    """xavier_normal and he_normal have mean 0 and variance gain^2 * 2 / (fan_in + fan_out), resp. 2 / fan_in"""
    fan_in, fan_out = hand_fans(shape)
    cases = [("xavier_normal", {"gain": gain}, gain**2 * 2.0 / (fan_in + fan_out),
              f"std = gain * sqrt(2 / (fan_in + fan_out)) with fan_in={fan_in}, fan_out={fan_out}, gain={gain:.4g}"),
             ("he_normal", {}, 2.0 / fan_in, f"std = sqrt(2 / fan_in) with fan_in={fan_in}")]
    for name, kwargs, variance, fan_text in cases:
        w, call = draw_weights(sub, name, shape, seed, **kwargs)
        check_moments(w, call, variance, fan_text)
        beyond = float(np.mean(np.abs(w) > 2.0 * math.sqrt(variance)))
        if beyond < 0.02:
            fail(f"{call}: only {beyond:.2%} of the weights are beyond 2 standard deviations; a normal distribution "
                 "has about 4.6% there. Draw from rng.normal, not rng.uniform (and not a truncated normal).")


@kata.check(points=1)
@given(seed=kst.seeds(), shape=kst.shapes(2, 1, 6), gain=st.sampled_from([0.5, 2.0, 5.0 / 3.0]))
def gain_scales_xavier_weights(sub, ref, seed, shape, gain):
    """With the same seed, gain=g gives exactly g times the weights of gain=1"""
    for name in ("xavier_uniform", "xavier_normal"):
        base, _ = draw_weights(sub, name, shape, seed)
        scaled, call = draw_weights(sub, name, shape, seed, gain=gain)
        assert_close(scaled, gain * base, name=f"{call} vs {gain:.4g} * {name}({shape}, rng={seed})")
