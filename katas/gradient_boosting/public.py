"""Public checks for gradient_boosting: splits against an exhaustive search, trees whose leaves hold the means of
their samples, boosting stages that fit the residuals, and a second fit that starts over."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_scalar, expect_fitted, expect_tuple, fail
from graders import strategies as kst

from . import kata


@st.composite
def regression_data(draw, n_max=16, d_max=3):
    """X (n, d) on a small integer grid (repeated values, tied splits) or continuous, and targets y (n,)."""
    n, d = draw(kst.dims(1, n_max)), draw(kst.dims(1, d_max))
    rng = kst.rng_from(draw(kst.seeds()))
    if draw(st.booleans()):
        X = rng.integers(0, 4, size=(n, d)).astype(np.float64)
        y = rng.integers(0, draw(st.sampled_from([2, 5])), size=n).astype(np.float64)   # pure nodes are common
    else:
        X = rng.uniform(-2, 2, size=(n, d))
        y = np.sin(2 * X[:, 0]) + 0.3 * rng.standard_normal(n)
    return X, y


def exhaustive_split(X, y):
    """(feature, threshold, sse) by trying every midpoint; the first of equal scores (within 1e-9) kept."""
    best = (None, None, np.inf)
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            sse = sum(float(np.var(part)) * len(part) for part in (y[left], y[~left]) if len(part))
            if sse < best[2] - 1e-9:
                best = (j, float(t), sse)
    return best


def leaves_reached(tree, X, what):
    """The path ('L'/'R' string) of the leaf each row of X reaches, after checking the tree's form."""
    paths = []
    for x in X:
        node, path = tree, ""
        while True:
            if not isinstance(node, dict):
                fail(f"{what}: every node should be a dict, got {node!r:.120} at path {path or 'root'}.")
            if set(node) == {"value"}:
                break
            if set(node) != {"feature", "threshold", "left", "right"}:
                fail(f"{what}: a node should have exactly the keys 'value' (a leaf) or 'feature', 'threshold', "
                     f"'left', 'right' (a split); the node at path {path or 'root'} has {sorted(node)}.")
            go_left = x[int(node["feature"])] <= float(node["threshold"])
            node, path = node["left" if go_left else "right"], path + ("L" if go_left else "R")
        paths.append(path)
    return paths


def tree_value(tree, path):
    node = tree
    for step in path:
        node = node["left" if step == "L" else "right"]
    return float(node["value"])


def check_leaf_means(tree, X, r, max_depth, what):
    """Every leaf is at depth <= max_depth and holds the mean of the training targets that reach it."""
    paths = leaves_reached(tree, X, what)
    for path in sorted(set(paths)):
        if len(path) > max_depth:
            fail(f"{what}: a leaf at depth {len(path)} (path {path}) is deeper than max_depth = {max_depth}.")
        members = np.array([p == path for p in paths])
        assert_close(tree_value(tree, path), float(r[members].mean()),
                     name=f"the value of the leaf at path {path or 'root'} of {what} (the mean of the "
                          f"{int(members.sum())} targets that reach it)")
    return paths


@kata.check(points=1)
@given(st.just(None))
def best_split_hand_example(sub, ref, _):
    """best_regression_split puts the threshold at a midpoint and keeps the lowest feature on a tie"""
    X = np.array([[1.0, 5.0], [2.0, 6.0], [3.0, 7.0], [10.0, 8.0]])
    r = np.array([1.0, 1.0, 1.0, 5.0])
    call = "best_regression_split(X=[[1,5],[2,6],[3,7],[10,8]], r=[1,1,1,5])"
    feature, threshold, sse = expect_tuple(sub.best_regression_split(X, r), ["feature", "threshold", "sse"], call=call)
    assert_equal(feature, 0, name=f"feature of {call} (both features separate the 5 perfectly: the lowest wins)")
    assert_close(assert_scalar(threshold, name="threshold"), 6.5, name=f"threshold of {call} (the midpoint of 3 and 10)")
    assert_close(assert_scalar(sse, name="sse"), 0.0, name=f"sse of {call}")
    call = "best_regression_split(X=[[2],[2]], r=[0, 1])"
    got = expect_tuple(sub.best_regression_split(np.array([[2.0], [2.0]]), np.array([0.0, 1.0])),
                       ["feature", "threshold", "sse"], call=call)
    if got[0] is not None or got[1] is not None or not np.isinf(float(got[2])):
        fail(f"{call} should return (None, None, inf): no feature has two distinct values. Got {got}.")


@kata.check(points=2)
@given(data=regression_data())
def best_split_is_the_exhaustive_best(sub, ref, data):
    """best_regression_split finds the split of smallest sse, ties to the lowest feature, then threshold"""
    X, r = data
    expected = exhaustive_split(X, r)
    call = f"best_regression_split(X=\n{X}\n, r={r.tolist()})"
    feature, threshold, sse = expect_tuple(sub.best_regression_split(X, r), ["feature", "threshold", "sse"], call=call)
    if expected[0] is None:
        if feature is not None:
            fail(f"{call} should return (None, None, inf): no feature has two distinct values. Got feature {feature}.")
        return
    assert_equal(feature, expected[0], name=f"feature of {call}")
    assert_close(assert_scalar(threshold, name="threshold"), expected[1], name=f"threshold of {call}")
    assert_close(assert_scalar(sse, name="sse"), expected[2], name=f"sse of {call}")


@kata.check(points=2)
@given(data=regression_data(), max_depth=st.integers(0, 3))
def tree_leaves_hold_the_means_of_their_samples(sub, ref, data, max_depth):
    """RegressionTree: leaves no deeper than max_depth, each the mean of its samples; predict walks tree_"""
    X, r = data
    what = f"RegressionTree(max_depth={max_depth}).fit(X {X.shape}, r).tree_"
    tree = expect_fitted(sub.RegressionTree(max_depth=max_depth).fit(X, r), call=f"RegressionTree().fit(X, r)",
                         then="RegressionTree().fit(X, r).predict(X)")
    leaves = check_leaf_means(tree.tree_, X, r, max_depth, what)
    if max_depth > 0 and len(np.unique(r)) > 1 and len(np.unique(X, axis=0)) > 1 and len(set(leaves)) == 1:
        fail(f"{what} is a single leaf although max_depth = {max_depth} and the targets differ: the root should split.")
    expected = np.array([tree_value(tree.tree_, p) for p in leaves])
    assert_close(tree.predict(X), expected, name=f"RegressionTree(max_depth={max_depth}).fit(X, r).predict(X) (the "
                                                 "values of the leaves in tree_ that the rows reach)")
    assert_close(sub.predict_tree(tree.tree_, X), expected, name="predict_tree(tree_, X)")


@kata.check(points=1)
@given(st.just(None))
def tree_hand_example(sub, ref, _):
    """RegressionTree(max_depth=3) on x = 0, 1, 2, 3 with r = 1, 1, 2, 2: one split at 1.5, two pure leaves"""
    call = "RegressionTree(max_depth=3).fit(X=[[0],[1],[2],[3]], r=[1, 1, 2, 2]).tree_"
    tree = sub.RegressionTree(max_depth=3).fit(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 1.0, 2.0, 2.0]))
    assert_equal(tree.tree_, {"feature": 0, "threshold": 1.5, "left": {"value": 1.0}, "right": {"value": 2.0}},
                 name=f"{call} (a node whose targets are all equal is a leaf, even above max_depth)")


@kata.check(points=1)
@given(st.just(None))
def boosting_hand_example(sub, ref, _):
    """one stump on y = [0, 2]: init_ 1, the stump predicts -1 and +1, shrunk by the learning rate"""
    X, y = np.array([[0.0], [1.0]]), np.array([0.0, 2.0])
    for lr, expected in ((1.0, [0.0, 2.0]), (0.5, [0.5, 1.5])):
        call = f"GradientBoostingRegressor(n_estimators=1, learning_rate={lr}, max_depth=1).fit(X=[[0],[1]], y=[0, 2])"
        model = expect_fitted(sub.GradientBoostingRegressor(n_estimators=1, learning_rate=lr, max_depth=1).fit(X, y),
                              call=call, then=f"{call}.predict(X)")
        assert_close(assert_scalar(model.init_, name="init_"), 1.0, name=f"init_ of {call} (the mean of y)")
        trees = model.trees_
        if not (isinstance(trees, list) and len(trees) == 1 and isinstance(trees[0], dict) and "feature" in trees[0]):
            fail(f"trees_ of {call} should be a list of one split, the stump x <= 0.5, got {str(trees)[:160]}. The root "
                 "holds 2 samples, not fewer than min_samples_split = 2, and two different residuals: it splits.")
        assert_close(model.predict(X), np.array(expected), name=f"{call}.predict(X) (init_ + {lr} * the stump fitted "
                                                                 "to the residuals [-1, 1])")


@kata.check(points=3, max_examples=10)
@given(data=regression_data(), n_estimators=st.integers(1, 6), lr=st.sampled_from([0.1, 0.5, 1.0]),
       max_depth=st.integers(1, 2))
def every_stage_fits_the_residuals(sub, ref, data, n_estimators, lr, max_depth):
    """each tree's leaves hold the mean residual y - F of the stage before, and staged_predict adds them up"""
    X, y = data
    what = f"GradientBoostingRegressor(n_estimators={n_estimators}, learning_rate={lr}, max_depth={max_depth})"
    model = expect_fitted(sub.GradientBoostingRegressor(n_estimators, lr, max_depth).fit(X, y),
                          call=f"{what}.fit(X, y)", then=f"{what}.fit(X, y).staged_predict(X)")
    init = assert_scalar(model.init_, name=f"init_ of {what}")
    assert_close(init, float(y.mean()), name=f"init_ of {what}.fit(X, y) (the mean of y)")
    trees = model.trees_
    if not isinstance(trees, list) or len(trees) != n_estimators:
        fail(f"trees_ of {what}.fit(X, y) should be a list of {n_estimators} trees, got {trees!r:.200}.")
    stages = assert_array(model.staged_predict(X), name=f"{what}.staged_predict(X)", shape=(n_estimators, len(X)))
    F = np.full(len(X), float(y.mean()))
    for m, tree in enumerate(trees):
        leaves = check_leaf_means(tree, X, y - F, max_depth, f"trees_[{m}] of {what} (fitted to the residuals y - F)")
        F = F + lr * np.array([tree_value(tree, p) for p in leaves])
        assert_close(stages[m], F, name=f"staged_predict(X)[{m}] of {what} (init_ + learning_rate * the first "
                                        f"{m + 1} trees)")
    assert_close(model.predict(X), F, name=f"{what}.predict(X) (with every tree)")


@kata.check(points=1)
@given(data=regression_data(n_max=20), lr=st.sampled_from([0.3, 1.0]))
def training_error_never_increases(sub, ref, data, lr):
    """the training mean squared error does not increase from one stage to the next"""
    X, y = data
    stages = assert_array(sub.GradientBoostingRegressor(8, lr, 2).fit(X, y).staged_predict(X),
                          name="staged_predict(X)", shape=(8, len(X)))
    mse = np.r_[np.mean((y - y.mean()) ** 2), np.mean((y[None, :] - stages) ** 2, axis=1)]
    worse = np.flatnonzero(np.diff(mse) > 1e-12)
    if worse.size:
        m = int(worse[0])
        fail(f"the training MSE of GradientBoostingRegressor(8, {lr}, 2) grew from {mse[m]:.6g} to {mse[m + 1]:.6g} at "
             f"tree {m}: a tree fitted to the residuals y - F with leaf means, added with learning_rate <= 1, "
             f"cannot increase it (all stages: {np.round(mse, 6).tolist()}).")


@kata.check(points=1)
@given(first=regression_data(), second=regression_data())
def a_second_fit_starts_over(sub, ref, first, second):
    """fitting the same model twice gives the same model as fitting a new one on the second data"""
    model = sub.GradientBoostingRegressor(3, 0.5, 2)
    model.fit(*first)
    model.fit(*second)
    X, y = second
    trees = model.trees_
    if not isinstance(trees, list) or len(trees) != 3:
        fail(f"after a second fit, trees_ of GradientBoostingRegressor(n_estimators=3) should hold 3 trees (the "
             f"second fit starts over), got {len(trees) if isinstance(trees, list) else trees!r}.")
    assert_close(assert_scalar(model.init_, name="init_"), float(y.mean()), name="init_ after a second fit")
    assert_close(model.predict(X), sub.GradientBoostingRegressor(3, 0.5, 2).fit(X, y).predict(X),
                 name="predict(X) after fitting twice vs a model fitted once on the second data")
