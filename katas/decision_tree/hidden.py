"""Hidden checks for decision_tree: comparisons with the reference."""
from hypothesis import example, given, strategies as st

from graders import assert_close, assert_equal, assert_refit_forgets, expect_tuple, fail, strategies as kst

from . import kata
from .public import compare_trees, tree_data, two_problems


@kata.check(points=1, hidden=True)
@given(n=kst.dims(1, 12), k=kst.dims(1, 5), seed=kst.seeds())
@example(n=0, k=2, seed=0).via("an empty y")
def impurities_match_reference(sub, ref, n, k, seed):
    """entropy, gini and information_gain match the reference on random labels"""
    rng = kst.rng_from(seed)
    y = rng.integers(0, k, size=n)
    assert_close(sub.entropy(y), ref.entropy(y), name=f"entropy({y.tolist()})")
    assert_close(sub.gini(y), ref.gini(y), name=f"gini({y.tolist()})")
    if n >= 2:
        left = rng.random(n) < 0.5
        left[0], left[-1] = True, False
        for criterion in ("gini", "entropy"):
            assert_close(sub.information_gain(y, y[left], y[~left], criterion=criterion),
                         ref.information_gain(y, y[left], y[~left], criterion=criterion),
                         name=f"information_gain({y.tolist()}, {y[left].tolist()}, {y[~left].tolist()}, "
                              f"criterion={criterion!r})")


@kata.check(points=2, hidden=True)
@given(data=tree_data(), use_subset=st.booleans(), seed=kst.seeds())
def best_split_matches_reference(sub, ref, data, use_subset, seed):
    """best_split matches the reference, ties and feature subsets included"""
    X, y = data
    d = X.shape[1]
    features = None
    if use_subset:
        rng = kst.rng_from(seed)
        features = rng.choice(d, size=int(rng.integers(1, d + 1)), replace=False).tolist()
    for criterion in ("gini", "entropy"):
        got = expect_tuple(sub.best_split(X, y, criterion=criterion, features=features),
                           ["feature", "threshold", "gain"], call="best_split")
        e_feature, e_threshold, e_gain = ref.best_split(X, y, criterion=criterion, features=features)
        what = f"best_split(X, y={y.tolist()}, criterion={criterion!r}, features={features}) with X =\n{X}\n"
        if (got[0] is None) != (e_feature is None) or (e_feature is not None and (
                int(got[0]) != e_feature or abs(float(got[1]) - e_threshold) > 1e-9)):
            fail(f"{what}expected feature {e_feature} at threshold {e_threshold} (gain {e_gain:.6g}), got feature "
                 f"{got[0]} at threshold {got[1]} (gain {got[2]}).")
        assert_close(got[2], e_gain, name=f"the gain returned by {what}")


SETTINGS = ((None, 2, "gini"), (2, 2, "entropy"), (1, 2, "gini"), (3, 4, "entropy"), (0, 2, "gini"))


@kata.check(points=3, hidden=True, max_examples=10)
@given(data=tree_data(n_min=3))
def tree_matches_reference(sub, ref, data):
    """The fitted tree_ is the reference's, node for node"""
    X, y = data
    for max_depth, min_samples_split, criterion in SETTINGS:
        got = sub.DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_samples_split,
                                         criterion=criterion).fit(X, y).tree_
        expected = ref.DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_samples_split,
                                              criterion=criterion).fit(X, y).tree_
        try:
            compare_trees(got, expected)
        except AssertionError as exc:
            fail(f"DecisionTreeClassifier(max_depth={max_depth}, min_samples_split={min_samples_split}, "
                 f"criterion={criterion!r}) on y = {y.tolist()} and X =\n{X}\n{exc}")


@kata.check(points=1, hidden=True, max_examples=10)
@given(data=tree_data(n_min=3), seed=kst.seeds())
def predict_matches_reference(sub, ref, data, seed):
    """predict matches the reference on new points between and beyond the training values"""
    X, y = data
    X_new = kst.rng_from(seed).uniform(-1.5, 5.5, size=(10, X.shape[1]))
    for max_depth, min_samples_split, criterion in SETTINGS[:2]:
        got = sub.DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_samples_split,
                                         criterion=criterion).fit(X, y).predict(X_new)
        expected = ref.DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_samples_split,
                                              criterion=criterion).fit(X, y).predict(X_new)
        assert_equal(got, expected, name=f"predict(X_new) (max_depth={max_depth}, "
                                         f"min_samples_split={min_samples_split}, criterion={criterion!r})")


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, grows the reference's trees (other problems)"""
    problems = two_problems(44)
    for X, y in problems:
        got = sub.DecisionTreeClassifier(criterion="entropy").fit(X, y).tree_
        try:
            compare_trees(got, ref.DecisionTreeClassifier(criterion="entropy").fit(X, y).tree_)
        except AssertionError as exc:
            fail("this check fits one DecisionTreeClassifier several times, and needs a correct fit first: a fresh "
                 f"tree on y = {y.tolist()} differs from the expected one (the other checks show where).\n{exc}")
    assert_refit_forgets(lambda: sub.DecisionTreeClassifier(criterion="entropy"), *problems, ["tree_"],
                         name="DecisionTreeClassifier")
