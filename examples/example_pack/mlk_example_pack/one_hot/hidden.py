"""Hidden checks of one_hot: random labels and scores with many ties, against the reference."""
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, strategies as kst

from . import kata


@kata.check(points=2, hidden=True)
@given(n=kst.dims(1, 6), num_classes=st.integers(1, 6), seed=kst.seeds())
def one_hot_matches_reference(sub, ref, n, num_classes, seed):
    """one_hot agrees with the reference"""
    y = kst.rng_from(seed).integers(0, num_classes, size=n)
    assert_close(sub.one_hot(y, num_classes), ref.one_hot(y, num_classes), name="one_hot(y, C)")


@kata.check(points=2, hidden=True)
@given(n=kst.dims(1, 6), num_classes=st.integers(2, 5), seed=kst.seeds())
def ties_go_to_the_first_column(sub, ref, n, num_classes, seed):
    """labels_from_scores agrees with the reference, ties included"""
    scores = kst.rng_from(seed).integers(0, 2, size=(n, num_classes)).astype(float)
    assert_equal(sub.labels_from_scores(scores), ref.labels_from_scores(scores), name="labels_from_scores(scores)")
