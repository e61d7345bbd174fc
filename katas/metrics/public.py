"""Public checks for metrics: hand-worked examples, counts against a loop, AUC against counting pairs."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_scalar, expect_tuple, fail
from graders import strategies as kst

from . import kata

AVERAGES = ("macro", "micro", "weighted")


@st.composite
def label_cases(draw, n_max=25):
    """y_true, y_pred (n,) in [0, K): n = 1 and classes absent from either side included."""
    n, k = draw(kst.dims(1, n_max)), draw(kst.dims(2, 5))
    rng = kst.rng_from(draw(kst.seeds()))
    used = draw(kst.dims(1, k))                      # labels actually drawn: often fewer than K
    return rng.integers(0, used, size=n), rng.integers(0, k, size=n), k


@st.composite
def binary_cases(draw, n_max=25, levels=None):
    """Binary labels with both classes and scores with many ties (few score levels) or none."""
    n = draw(kst.dims(2, n_max))
    rng = kst.rng_from(draw(kst.seeds()))
    y = rng.permutation(np.r_[0, 1, rng.integers(0, 2, size=n - 2)])
    levels = levels or draw(st.sampled_from([2, 3, 5, 1000]))
    return y, rng.integers(0, levels, size=n) / levels


def counted_confusion(y_true, y_pred, k):
    C = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C


def pairwise_auc(y, s):
    """P(positive scores above negative), ties 1/2, by comparing every pair."""
    pos, neg = s[y == 1], s[y == 0]
    return float(((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])).mean())


@kata.check(points=1)
@given(case=label_cases())
def confusion_matrix_counts_pairs(sub, ref, case):
    """confusion_matrix counts (true row, predicted column) pairs, repeats included"""
    y_true, y_pred, k = case
    got = sub.confusion_matrix(y_true, y_pred, k)
    assert_array(got, name="confusion_matrix", shape=(k, k), kind="i")
    assert_equal(got, counted_confusion(y_true, y_pred, k),
                 name=f"confusion_matrix(y_true={y_true.tolist()}, y_pred={y_pred.tolist()}, n_classes={k}) "
                      "(rows: true labels, columns: predictions)")


@kata.check(points=2)
@given(st.just(None))
def per_class_scores_hand_example(sub, ref, _):
    """precision, recall and F1 per class on a worked example, a class never predicted included"""
    y_true = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 0, 1, 0, 1, 1, 1])
    call = "precision_recall_f1(y_true=[0,0,0,1,1,2,2,2], y_pred=[0,1,0,1,0,1,1,1], n_classes=3)"
    p, r, f = expect_tuple(sub.precision_recall_f1(y_true, y_pred, 3), ["precision", "recall", "f1"], call=call)
    # class 0: TP 2, predicted 3, support 3; class 1: TP 1, predicted 5, support 2; class 2: never predicted
    assert_close(p, np.array([2 / 3, 1 / 5, 0.0]), name=f"precision of {call} (class 2 is never predicted: 0)")
    assert_close(r, np.array([2 / 3, 1 / 2, 0.0]), name=f"recall of {call}")
    assert_close(f, np.array([2 / 3, 2 / 7, 0.0]), name=f"f1 of {call} (2 p r / (p + r); 0 when p + r = 0)")


@kata.check(points=2)
@given(st.just(None))
def averages_hand_example(sub, ref, _):
    """macro, micro and weighted averages on a worked example"""
    y_true = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 0, 1, 0, 1, 1, 1])
    expected = {
        "macro": (0.2888888888888889, 0.38888888888888884, (2 / 3 + 2 / 7) / 3),
        "micro": (3 / 8, 3 / 8, 3 / 8),
        "weighted": ((3 * 2 / 3 + 2 * 1 / 5) / 8, (3 * 2 / 3 + 2 * 1 / 2) / 8, (3 * 2 / 3 + 2 * 2 / 7) / 8),
    }
    for average, values in expected.items():
        call = f"precision_recall_f1(y_true=[0,0,0,1,1,2,2,2], y_pred=[0,1,0,1,0,1,1,1], 3, average={average!r})"
        got = expect_tuple(sub.precision_recall_f1(y_true, y_pred, 3, average=average),
                           ["precision", "recall", "f1"], call=call)
        for name, g, e in zip(("precision", "recall", "f1"), got, values):
            assert_close(assert_scalar(g, name=f"{name} of {call}"), e, name=f"{name} of {call}")


@kata.check(points=1)
@given(case=label_cases())
def micro_average_is_accuracy(sub, ref, case):
    """micro-averaged precision, recall and F1 all equal the accuracy"""
    y_true, y_pred, k = case
    call = f"precision_recall_f1(y_true={y_true.tolist()}, y_pred={y_pred.tolist()}, {k}, average='micro')"
    got = expect_tuple(sub.precision_recall_f1(y_true, y_pred, k, average="micro"),
                       ["precision", "recall", "f1"], call=call)
    for name, g in zip(("precision", "recall", "f1"), got):
        assert_close(assert_scalar(g, name=f"{name} of {call}"), float(np.mean(y_true == y_pred)),
                     name=f"{name} of {call} (the accuracy)")


@kata.check(points=2)
@given(st.just(None))
def roc_curve_hand_example_with_ties(sub, ref, _):
    """roc_curve on a worked example: one point per distinct score, tied scores in one step"""
    y = np.array([1, 0, 1, 1, 0, 0])
    s = np.array([0.9, 0.8, 0.8, 0.4, 0.4, 0.1])
    call = "roc_curve(y_true=[1,0,1,1,0,0], scores=[0.9,0.8,0.8,0.4,0.4,0.1])"
    fpr, tpr, thresholds = expect_tuple(sub.roc_curve(y, s), ["fpr", "tpr", "thresholds"], call=call)
    assert_close(thresholds, np.array([np.inf, 0.9, 0.8, 0.4, 0.1]),
                 name=f"thresholds of {call} (inf, then the distinct scores, decreasing)")
    assert_close(tpr, np.array([0, 1 / 3, 2 / 3, 1, 1]), name=f"tpr of {call} (predict positive when score >= t)")
    assert_close(fpr, np.array([0, 0, 1 / 3, 2 / 3, 1]), name=f"fpr of {call}")
    auc = assert_scalar(sub.roc_auc(y, s), name="roc_auc")
    assert_close(auc, 7 / 9, name="roc_auc(y_true=[1,0,1,1,0,0], scores=[0.9,0.8,0.8,0.4,0.4,0.1]) (of the 9 "
                                  "positive/negative pairs, 6 are ordered right, 1 wrong and 2 tied, counting 1/2)")


@kata.check(points=2)
@given(case=binary_cases())
def roc_curve_counts_every_threshold(sub, ref, case):
    """every point of roc_curve counts the samples with score >= its threshold"""
    y, s = case
    call = f"roc_curve(y_true={y.tolist()}, scores={s.tolist()})"
    fpr, tpr, thresholds = expect_tuple(sub.roc_curve(y, s), ["fpr", "tpr", "thresholds"], call=call)
    distinct = np.unique(s)[::-1]
    assert_close(thresholds, np.r_[np.inf, distinct], name=f"thresholds of {call} (inf, then the distinct scores, "
                                                            "decreasing)")
    pos, neg = y == 1, y == 0
    t = np.r_[np.inf, distinct]
    assert_close(tpr, np.array([(s[pos] >= v).sum() / pos.sum() for v in t]), name=f"tpr of {call}")
    assert_close(fpr, np.array([(s[neg] >= v).sum() / neg.sum() for v in t]), name=f"fpr of {call}")


@kata.check(points=2)
@given(case=binary_cases())
def roc_auc_counts_ordered_pairs(sub, ref, case):
    """roc_auc is the fraction of positive/negative pairs ordered right, a tie counting 1/2"""
    y, s = case
    got = assert_scalar(sub.roc_auc(y, s), name="roc_auc")
    assert_close(got, pairwise_auc(y, s), name=f"roc_auc(y_true={y.tolist()}, scores={s.tolist()})")


@kata.check(points=1)
@given(st.just(None))
def log_loss_hand_example_with_clipping(sub, ref, _):
    """log_loss is the mean of -log p of the true class, clipped to [eps, 1 - eps]"""
    proba = np.array([[0.5, 0.5], [0.2, 0.8], [1.0, 0.0]])
    call = "log_loss(y_true=[0, 1, 1], proba=[[0.5,0.5],[0.2,0.8],[1,0]], eps=1e-15)"
    got = assert_scalar(sub.log_loss(np.array([0, 1, 1]), proba, eps=1e-15), name=call)
    assert_close(got, -(np.log(0.5) + np.log(0.8) + np.log(1e-15)) / 3,
                 name=f"{call} (the third sample's true-class probability 0 is clipped to eps; the mean over 3)")
    got = assert_scalar(sub.log_loss(np.array([0]), np.array([[1.0, 0.0, 0.0]]), eps=1e-3), name="log_loss")
    assert_close(got, -np.log(1 - 1e-3), name="log_loss(y_true=[0], proba=[[1, 0, 0]], eps=1e-3) (1 is clipped to "
                                              "1 - eps; the row is not renormalised)")


@kata.check(points=1)
@given(case=label_cases(n_max=12), seed=kst.seeds())
def log_loss_matches_the_formula(sub, ref, case, seed):
    """log_loss on random distributions equals -mean(log p[i, y_i])"""
    y, _, k = case
    proba = kst.rng_from(seed).dirichlet(np.ones(k), size=len(y))
    got = assert_scalar(sub.log_loss(y, proba), name="log_loss")
    expected = -np.mean([np.log(proba[i, label]) for i, label in enumerate(y)])
    if not np.isfinite(got):
        fail(f"log_loss returned {got} for probabilities in (0, 1): no clipping should matter here.")
    assert_close(got, expected, name=f"log_loss(y_true={y.tolist()}, proba of shape {proba.shape})")
