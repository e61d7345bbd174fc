"""Hidden checks for gradient_boosting: splits, trees and boosted models compared with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, expect_tuple

from . import kata
from .public import regression_data


def tree_structure(tree):
    """The splits (path, feature, threshold) of a nested-dict tree, in a fixed order."""
    out, todo = [], [("", tree)]
    while todo:
        path, node = todo.pop()
        if isinstance(node, dict) and "value" not in node:
            out.append((path or "root", int(node["feature"]), float(node["threshold"])))
            todo += [(path + "R", node["right"]), (path + "L", node["left"])]
    return sorted(out)


@kata.check(points=2, hidden=True)
@given(data=regression_data(n_max=30, d_max=4))
def best_split_matches_reference(sub, ref, data):
    """best_regression_split matches the reference, ties included"""
    X, r = data
    call = f"best_regression_split(X=\n{X}\n, r={r.tolist()})"
    got = expect_tuple(sub.best_regression_split(X, r), ["feature", "threshold", "sse"], call=call)
    expected = ref.best_regression_split(X, r)
    assert_equal(got[0], expected[0], name=f"feature of {call}")
    if expected[0] is not None:
        assert_close(float(got[1]), expected[1], name=f"threshold of {call}")
        assert_close(float(got[2]), expected[2], name=f"sse of {call}")


@kata.check(points=2, hidden=True)
@given(data=regression_data(n_max=30), max_depth=st.integers(0, 4), min_samples_split=st.integers(2, 5))
def tree_matches_reference(sub, ref, data, max_depth, min_samples_split):
    """RegressionTree matches the reference: the same splits and the same predictions"""
    X, r = data
    call = f"RegressionTree(max_depth={max_depth}, min_samples_split={min_samples_split}).fit(X=\n{X}\n, r={r.tolist()})"
    tree = sub.RegressionTree(max_depth, min_samples_split).fit(X, r)
    expected = ref.RegressionTree(max_depth, min_samples_split).fit(X, r)
    assert_equal(tree_structure(tree.tree_), tree_structure(expected.tree_),
                 name=f"the splits (path, feature, threshold) of {call}.tree_ (a node is a leaf at depth >= max_depth, "
                      "with fewer than min_samples_split samples, or when all its targets are equal)")
    Q = np.r_[X, X + 0.5]
    assert_close(tree.predict(Q), expected.predict(Q), name=f"{call}.predict(X and X + 0.5)")


@kata.check(points=3, hidden=True, max_examples=10)
@given(data=regression_data(n_max=24), n_estimators=st.integers(1, 8), lr=st.sampled_from([0.1, 0.5, 1.0]),
       max_depth=st.integers(0, 3))
def boosting_matches_reference(sub, ref, data, n_estimators, lr, max_depth):
    """GradientBoostingRegressor matches the reference: init_, staged and final predictions on new points"""
    X, y = data
    what = f"GradientBoostingRegressor({n_estimators}, {lr}, {max_depth}).fit(X=\n{X}\n, y={y.tolist()})"
    model = sub.GradientBoostingRegressor(n_estimators, lr, max_depth).fit(X, y)
    expected = ref.GradientBoostingRegressor(n_estimators, lr, max_depth).fit(X, y)
    Q = np.r_[X, X + 0.5]
    assert_close(float(model.init_), expected.init_, name=f"init_ of {what}")
    assert_close(model.staged_predict(Q), expected.staged_predict(Q), name=f"{what}.staged_predict(X and X + 0.5)")
    assert_close(model.predict(Q), expected.predict(Q), name=f"{what}.predict(X and X + 0.5)")


@kata.check(points=1, hidden=True)
@given(first=regression_data(), second=regression_data())
def second_fit_matches_reference(sub, ref, first, second):
    """a model fitted twice predicts like the reference fitted on the second data"""
    model = sub.GradientBoostingRegressor(4, 0.3, 2)
    model.fit(*first)
    model.fit(*second)
    X, y = second
    assert_close(model.staged_predict(X), ref.GradientBoostingRegressor(4, 0.3, 2).fit(X, y).staged_predict(X),
                 name="staged_predict(X) of GradientBoostingRegressor(4, 0.3, 2) fitted twice, on other data then on "
                      "(X, y): the second fit starts over")
