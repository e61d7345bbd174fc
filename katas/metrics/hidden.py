"""Hidden checks for metrics: comparisons with the reference on random labels, tied scores and clipped probabilities."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, assert_scalar, expect_tuple
from graders import strategies as kst

from . import kata
from .public import AVERAGES, binary_cases, label_cases


@kata.check(points=1, hidden=True)
@given(case=label_cases(n_max=40))
def confusion_matrix_matches_reference(sub, ref, case):
    """confusion_matrix matches the reference"""
    y_true, y_pred, k = case
    assert_equal(sub.confusion_matrix(y_true, y_pred, k), ref.confusion_matrix(y_true, y_pred, k),
                 name=f"confusion_matrix(y_true={y_true.tolist()}, y_pred={y_pred.tolist()}, n_classes={k})")


@kata.check(points=3, hidden=True)
@given(case=label_cases(n_max=40), average=st.sampled_from((None,) + AVERAGES))
def precision_recall_f1_matches_reference(sub, ref, case, average):
    """precision_recall_f1 matches the reference for every average, absent classes included"""
    y_true, y_pred, k = case
    call = f"precision_recall_f1(y_true={y_true.tolist()}, y_pred={y_pred.tolist()}, {k}, average={average!r})"
    got = expect_tuple(sub.precision_recall_f1(y_true, y_pred, k, average=average),
                       ["precision", "recall", "f1"], call=call)
    for name, g, e in zip(("precision", "recall", "f1"), got, ref.precision_recall_f1(y_true, y_pred, k, average)):
        if average is not None:
            g = assert_scalar(g, name=f"{name} of {call}")
        assert_close(g, e, name=f"{name} of {call}")


@kata.check(points=2, hidden=True)
@given(case=binary_cases(n_max=40))
def roc_curve_matches_reference(sub, ref, case):
    """roc_curve matches the reference, tied scores included"""
    y, s = case
    call = f"roc_curve(y_true={y.tolist()}, scores={s.tolist()})"
    got = expect_tuple(sub.roc_curve(y, s), ["fpr", "tpr", "thresholds"], call=call)
    for name, g, e in zip(("thresholds", "fpr", "tpr"), got[::-1], ref.roc_curve(y, s)[::-1]):
        assert_close(g, e, name=f"{name} of {call}")


@kata.check(points=2, hidden=True)
@given(case=binary_cases(n_max=60))
def roc_auc_matches_reference(sub, ref, case):
    """roc_auc matches the reference, tied scores included"""
    y, s = case
    assert_close(assert_scalar(sub.roc_auc(y, s), name="roc_auc"), ref.roc_auc(y, s),
                 name=f"roc_auc(y_true={y.tolist()}, scores={s.tolist()})")


@kata.check(points=2, hidden=True)
@given(case=label_cases(n_max=20), seed=kst.seeds(), eps=st.sampled_from([1e-15, 1e-7, 0.01]))
def log_loss_matches_reference_with_zeros_and_ones(sub, ref, case, seed, eps):
    """log_loss matches the reference on probabilities that are exactly 0 or 1"""
    y, _, k = case
    rng = kst.rng_from(seed)
    proba = rng.dirichlet(np.full(k, 0.3), size=len(y))
    hard = rng.random(len(y)) < 0.5                           # half the rows one-hot, right or wrong
    proba[hard] = np.eye(k)[rng.integers(0, k, size=int(hard.sum()))]
    got = assert_scalar(sub.log_loss(y, proba, eps=eps), name="log_loss")
    assert_close(got, ref.log_loss(y, proba, eps=eps),
                 name=f"log_loss(y_true={y.tolist()}, proba=\n{proba}\n, eps={eps:g})")
