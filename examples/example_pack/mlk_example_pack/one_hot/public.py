"""Public checks of one_hot: frozen worked examples and a round trip."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, strategies as kst

from . import kata


@kata.frozen
def worked_examples(ref):
    """Labels with repeats and an unused class, and the reference's encoding of them."""
    y = np.array([2, 0, 2, 1])
    scores = np.array([[0.1, 0.7, 0.2], [3.0, 3.0, -1.0], [-2.0, -1.0, -0.5]])
    return {"y": y, "encoded": ref.one_hot(y, 4), "scores": scores, "labels": ref.labels_from_scores(scores)}


@kata.check(points=2)
def matches_worked_examples(sub, ref):
    """one_hot and labels_from_scores give the expected values on worked examples"""
    case = kata.frozen_value("worked_examples")
    assert_close(sub.one_hot(case["y"], 4), case["encoded"], name="one_hot([2, 0, 2, 1], 4)")
    assert_equal(sub.labels_from_scores(case["scores"]), case["labels"], name="labels_from_scores(scores)")


@kata.check(points=2)
@given(n=kst.dims(1, 6), num_classes=st.integers(2, 5), seed=kst.seeds())
def round_trip(sub, ref, n, num_classes, seed):
    """labels_from_scores(one_hot(y, C)) gives y back, and every row of one_hot(y, C) sums to 1"""
    y = kst.rng_from(seed).integers(0, num_classes, size=n)
    encoded = assert_array(sub.one_hot(y, num_classes), name="one_hot(y, C)", shape=(n, num_classes))
    assert_close(encoded.sum(axis=1), np.ones(n), name="the row sums of one_hot(y, C)")
    assert_equal(sub.labels_from_scores(encoded), y, name="labels_from_scores(one_hot(y, C))")
