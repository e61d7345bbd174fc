"""Public checks of the softmax kata: distributions, values by hand, stability, the numerical gradient."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_scalar, check_gradients, expect_tuple, strategies as kst

from . import kata

LN3 = float(np.log(3.0))


@st.composite
def logits_and_labels(draw, max_n=4, max_c=5, scale=3.0):
    n, c = draw(kst.dims(1, max_n)), draw(kst.dims(2, max_c))
    rng = kst.rng_from(draw(kst.seeds()))
    return scale * rng.standard_normal((n, c)), rng.integers(0, c, size=n)


@kata.check(points=2)
@given(case=logits_and_labels(scale=5.0), shift=kst.arrays((4, 1), -100.0, 100.0))
def softmax_rows_are_distributions(sub, ref, case, shift):
    """softmax returns rows of positive numbers that sum to 1, unchanged by adding a constant to a row"""
    z, _ = case
    p = assert_array(sub.softmax(z), name="softmax(logits)", shape=z.shape)
    if np.any(p <= 0):
        bad = [int(i) for i in np.argwhere(p <= 0)[0]]
        raise AssertionError(f"softmax(logits) has a non-positive entry at {bad}: {p[tuple(bad)]}; every probability must be > 0 here.")
    assert_close(p.sum(axis=1), np.ones(z.shape[0]), name="the row sums of softmax(logits) (normalise each row, axis=1)")
    shifted = z + shift[: z.shape[0]]
    assert_close(sub.softmax(shifted), p, name="softmax(logits + a constant per row) compared with softmax(logits)")


@kata.check(points=2)
def softmax_by_hand(sub, ref):
    """softmax gives [0.25, 0.75] for logits [0, ln 3], also shifted by +1000 in one row only"""
    z = np.array([[0.0, LN3], [1000.0, 1000.0 + LN3], [-1000.0, -1000.0 + LN3]])
    assert_close(sub.softmax(z), np.array([[0.25, 0.75]] * 3),
                 name="softmax([[0, ln 3], [1000, 1000 + ln 3], [-1000, -1000 + ln 3]]) (subtract each row's own max)")
    z = np.array([[2.0, 2.0, 2.0, 2.0], [-1000.0, 0.0, -1000.0, -1000.0]])
    assert_close(sub.softmax(z), np.array([[0.25] * 4, [0.0, 1.0, 0.0, 0.0]]),
                 name="softmax([[2, 2, 2, 2], [-1000, 0, -1000, -1000]])")


@kata.check(points=2)
@given(case=logits_and_labels(scale=5.0))
def log_softmax_by_hand_and_stable(sub, ref, case):
    """log_softmax gives ln 0.25 and ln 0.75 for [0, ln 3], stays finite at -1000 and equals z - logsumexp(z)"""
    z = np.array([[0.0, LN3], [0.0, -1000.0], [1000.0, 0.0]])
    expected = np.array([[np.log(0.25), np.log(0.75)], [0.0, -1000.0], [0.0, -1000.0]])
    assert_close(sub.log_softmax(z), expected,
                 name="log_softmax([[0, ln 3], [0, -1000], [1000, 0]]) (log(softmax) underflows to log(0) = -inf)")
    z, _ = case
    shifted = z - z.max(axis=1, keepdims=True)
    expected = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    assert_close(sub.log_softmax(z), expected,
                 name="log_softmax(logits) (each row: z - max(z) - log(sum(exp(z - max(z)))), "
                      "the log of the statement's softmax)")


@kata.check(points=2)
def cross_entropy_by_hand(sub, ref):
    """cross_entropy of equal logits is ln C, of [0, ln 3] with label 1 is -ln 0.75, with the matching gradients"""
    z, y = np.zeros((2, 4)), np.array([1, 3])
    loss, dz = expect_tuple(sub.cross_entropy(z, y), ["loss", "dlogits"], call="cross_entropy")
    assert_close(assert_scalar(loss, name="loss"), np.log(4.0),
                 name="loss of logits zeros((2, 4)), labels [1, 3] (the mean over the batch, not the sum)")
    expected = np.full((2, 4), 0.25)
    expected[[0, 1], [1, 3]] -= 1.0
    assert_close(dz, expected / 2, name="dlogits of logits zeros((2, 4)), labels [1, 3] ((softmax - onehot) / N)")
    loss, dz = expect_tuple(sub.cross_entropy(np.array([[0.0, LN3]]), np.array([1])), ["loss", "dlogits"], call="cross_entropy")
    assert_close(loss, -np.log(0.75), name="loss of logits [[0, ln 3]], label [1]")
    assert_close(dz, np.array([[0.25, -0.25]]), name="dlogits of logits [[0, ln 3]], label [1]")


@kata.check(points=3, max_examples=8)
@given(case=logits_and_labels(max_n=3, max_c=4))
def cross_entropy_gradient_matches_numerical_gradient(sub, ref, case):
    """cross_entropy's dlogits agrees with the numerical gradient of your loss"""
    z, y = case
    _, dz = expect_tuple(sub.cross_entropy(z, y), ["loss", "dlogits"], call="cross_entropy")

    def loss_of(z):
        return np.array([assert_scalar(expect_tuple(sub.cross_entropy(z, y), ["loss", "dlogits"], call="cross_entropy")[0],
                                       name="loss")])

    check_gradients(loss_of, [z], [dz], np.ones(1), names=["dlogits"])
