"""Public checks for decision_tree: hand-computed values and structural properties."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, assert_refit_forgets, expect_tuple, fail, strategies as kst

from . import kata


@st.composite
def tree_data(draw, n_min=2, n_max=16, d_max=3, k_max=3, continuous=None):
    """X (n, d) float64 with few distinct values per feature (or continuous), labels y (n,) in [0, k)."""
    n, d, k = draw(kst.dims(n_min, n_max)), draw(kst.dims(1, d_max)), draw(kst.dims(2, k_max))
    continuous = draw(st.booleans()) if continuous is None else continuous
    rng = kst.rng_from(draw(kst.seeds()))
    levels = int(rng.integers(2, 6))
    X = rng.uniform(-1.0, 1.0, size=(n, d)) if continuous else rng.integers(0, levels, size=(n, d)).astype(np.float64)
    y = rng.integers(0, k, size=n)
    return X, y


# -- reading a tree (the nested-dict format of the README) ------------------------------------
def check_node(node, path):
    """Fail unless node is a leaf {"value"} or an internal node {"feature", "threshold", "left", "right"}."""
    if not isinstance(node, dict):
        fail(f"tree_ at {path}: every node must be a dict, got {type(node).__name__}.")
    if set(node) == {"value"}:
        return True
    if set(node) == {"feature", "threshold", "left", "right"}:
        return False
    fail(f"tree_ at {path}: a node must have exactly the keys {{'value'}} (a leaf) or "
         f"{{'feature', 'threshold', 'left', 'right'}} (an internal node), got {sorted(node)}.")


def route(node, X, path="root"):
    """Labels that the tree `node` predicts for X (m, d), following x[feature] <= threshold to the left."""
    if check_node(node, path):
        return np.full(len(X), int(node["value"]), dtype=np.int64)
    out = np.empty(len(X), dtype=np.int64)
    left = X[:, int(node["feature"])] <= float(node["threshold"])
    out[left] = route(node["left"], X[left], path + ".left")
    out[~left] = route(node["right"], X[~left], path + ".right")
    return out


def describe_node(node):
    if isinstance(node, dict) and set(node) == {"value"}:
        return f"a leaf predicting {node['value']}"
    if isinstance(node, dict) and "feature" in node:
        return f"a split on feature {node['feature']} at threshold {node.get('threshold')}"
    return repr(node)[:80]


def compare_trees(got, expected, path="root"):
    """Fail at the first node where the tree `got` differs from `expected` (thresholds within 1e-9)."""
    is_leaf = check_node(got, path)
    if "value" in expected:
        if not is_leaf or int(got["value"]) != expected["value"]:
            fail(f"tree_ differs at {path}: expected {describe_node(expected)}, got {describe_node(got)}.")
        return
    if is_leaf or int(got["feature"]) != expected["feature"] or abs(float(got["threshold"]) - expected["threshold"]) > 1e-9:
        fail(f"tree_ differs at {path}: expected {describe_node(expected)}, got {describe_node(got)}.")
    compare_trees(got["left"], expected["left"], path + ".left")
    compare_trees(got["right"], expected["right"], path + ".right")


# -- checks -----------------------------------------------------------------------------------
@kata.check(points=2)
@given(st.just(None))
def impurity_hand_values(sub, ref, _):
    """entropy and gini give the textbook values (1 bit and 0.5 for a 50/50 split, 0 for an empty y)"""
    cases = [
        ([0, 0, 1, 1], 1.0, 0.5),
        ([0, 1, 2], np.log2(3.0), 2.0 / 3.0),
        ([5, 5, 5], 0.0, 0.0),
        ([0, 0, 0, 1], 0.8112781244591328, 0.375),
        ([2, 7, 2, 7], 1.0, 0.5),
        ([], 0.0, 0.0),
    ]
    for labels, h, g in cases:
        y = np.array(labels, dtype=np.int64)
        empty = " (the README: 0 for an empty y)" if not labels else ""
        assert_close(sub.entropy(y), h, name=f"entropy({labels}) (in bits: log base 2){empty}")
        assert_close(sub.gini(y), g, name=f"gini({labels}){empty}")


@kata.check(points=1)
@given(st.just(None))
def information_gain_hand_values(sub, ref, _):
    """information_gain weights each child's impurity by its share of the samples"""
    a = np.array
    cases = [
        (a([0, 0, 1, 1]), a([0, 0]), a([1, 1]), 1.0, 0.5, "a perfect split"),
        (a([0, 0, 1, 1]), a([0, 1]), a([0, 1]), 0.0, 0.0, "a useless split"),
        (a([0, 0, 0, 1]), a([0, 0]), a([0, 1]), 0.8112781244591328 - 0.5, 0.375 - 0.25, "children of unequal purity"),
        (a([0, 0, 0, 1]), a([0]), a([0, 0, 1]), 0.8112781244591328 - 0.75 * 0.9182958340544896,
         0.375 - 0.75 * 4.0 / 9.0, "children of unequal sizes (1 and 3 samples)"),
    ]
    for y, left, right, h_gain, g_gain, what in cases:
        for criterion, expected in (("entropy", h_gain), ("gini", g_gain)):
            got = sub.information_gain(y, left, right, criterion=criterion)
            assert_close(got, expected, name=f"information_gain({y.tolist()}, {left.tolist()}, {right.tolist()}, "
                                              f"criterion={criterion!r}) for {what}")


def _expect_split(got, expected, what):
    feature, threshold, gain = expect_tuple(got, ["feature", "threshold", "gain"], call="best_split")
    if expected[0] is None:
        if feature is not None or threshold is not None:
            fail(f"best_split on {what}: no feature takes two values, so expected (None, None, 0.0), "
                 f"got ({feature}, {threshold}, {gain}).")
        assert_close(gain, 0.0, name=f"gain of best_split on {what}")
        return
    if feature is None or int(feature) != expected[0] or threshold is None or abs(float(threshold) - expected[1]) > 1e-9:
        fail(f"best_split on {what}: expected feature {expected[0]} at threshold {expected[1]}, got feature {feature} "
             f"at threshold {threshold}. Thresholds are midpoints between consecutive unique values; ties go to the "
             "lowest feature index, then the lowest threshold.")
    assert_close(gain, expected[2], name=f"gain of best_split on {what}")


@kata.check(points=2)
@given(st.just(None))
def best_split_hand_cases(sub, ref, _):
    """best_split uses midpoint thresholds and breaks ties by lowest feature, then lowest threshold"""
    a = np.array
    X1, y1 = a([[1.0, 5.0], [2.0, 5.0], [3.0, 7.0], [4.0, 7.0]]), a([0, 0, 1, 1])
    cases = [
        (X1, y1, "gini", None, (0, 2.5, 0.5),
         "X=[[1,5],[2,5],[3,7],[4,7]], y=[0,0,1,1] (both features separate the classes: feature 0 wins the tie)"),
        (X1, y1, "entropy", None, (0, 2.5, 1.0), "the same data with criterion='entropy'"),
        (X1, y1, "gini", [1], (1, 6.0, 0.5), "the same data with features=[1]"),
        (a([[1.0, 3.0], [1.0, 1.0], [1.0, 2.0], [1.0, 4.0]]), a([1, 0, 0, 1]), "gini", None, (1, 2.5, 0.5),
         "X=[[1,3],[1,1],[1,2],[1,4]], y=[1,0,0,1] (feature 0 is constant)"),
        (a([[0.0], [1.0], [2.0]]), a([0, 1, 0]), "gini", None, (0, 0.5, 1.0 / 9.0),
         "X=[[0],[1],[2]], y=[0,1,0] (thresholds 0.5 and 1.5 tie: the lower wins)"),
        (a([[2.0, 1.0], [2.0, 1.0], [2.0, 1.0]]), a([0, 1, 0]), "gini", None, (None, None, 0.0),
         "constant features X=[[2,1],[2,1],[2,1]]"),
    ]
    for X, y, criterion, features, expected, what in cases:
        _expect_split(sub.best_split(X, y, criterion=criterion, features=features), expected, what)


@kata.check(points=2, max_examples=10)
@given(data=tree_data(n_min=4), seed=kst.seeds())
def tree_respects_limits_and_its_own_structure(sub, ref, data, seed):
    """The tree obeys max_depth and min_samples_split, splits only impure nodes, and predict follows tree_"""
    X, y = data
    X_new = kst.rng_from(seed).uniform(-1.0, 5.0, size=(8, X.shape[1]))
    for max_depth, min_samples_split, criterion in ((None, 2, "gini"), (1, 2, "entropy"), (2, 5, "gini"),
                                                    (0, 2, "gini")):
        model = sub.DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_samples_split,
                                           criterion=criterion).fit(X, y)
        tree = model.tree_
        setting = f"max_depth={max_depth}, min_samples_split={min_samples_split}, criterion={criterion!r}"

        def walk(node, rows, depth, path):
            labels = y[rows]
            if check_node(node, path):
                majority = int(np.argmax(np.bincount(labels)))
                if int(node["value"]) != majority:
                    fail(f"tree_ ({setting}) at {path}: the leaf predicts {node['value']} but the training labels "
                         f"reaching it are {labels.tolist()}: the majority (smallest label on a tie) is {majority}.")
                return
            if max_depth is not None and depth >= max_depth:
                fail(f"tree_ ({setting}) splits at {path}, at depth {depth}: nodes at depth max_depth must be leaves "
                     "(the root is at depth 0).")
            if len(rows) < min_samples_split:
                fail(f"tree_ ({setting}) splits at {path}, which only {len(rows)} training samples reach: a node with "
                     "fewer than min_samples_split samples must be a leaf.")
            if np.all(labels == labels[0]):
                fail(f"tree_ ({setting}) splits at {path}, although every training label there is {labels[0]}: "
                     "a pure node must be a leaf.")
            go_left = X[rows, int(node["feature"])] <= float(node["threshold"])
            if go_left.all() or not go_left.any():
                fail(f"tree_ ({setting}) at {path}: the split sends all {len(rows)} training samples to one side.")
            walk(node["left"], rows[go_left], depth + 1, path + ".left")
            walk(node["right"], rows[~go_left], depth + 1, path + ".right")

        walk(tree, np.arange(len(y)), 0, "root")
        assert_equal(model.predict(X_new), route(tree, X_new),
                     name=f"predict(X_new) ({setting}) vs following your tree_ from the root")


@kata.check(points=1, max_examples=10)
@given(data=tree_data(continuous=True))
def fully_grown_tree_fits_training_data(sub, ref, data):
    """Without limits, the tree classifies its (distinct) training points perfectly"""
    X, y = data
    for criterion in ("gini", "entropy"):
        got = sub.DecisionTreeClassifier(criterion=criterion).fit(X, y).predict(X)
        assert_equal(got, y, name=f"predict(X_train) of a tree grown without limits (criterion={criterion!r})")


def two_problems(seed):
    """Two small labelled problems of different sizes and labels (fixed, not drawn), as argument tuples of fit."""
    rng = np.random.default_rng(seed)
    return [(rng.integers(0, 4, size=(10, 2)).astype(np.float64), rng.integers(0, 2, size=10)),
            (rng.uniform(-1.0, 1.0, size=(7, 2)), rng.integers(0, 3, size=7))]


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1), fit(X2), fit(X1) on one DecisionTreeClassifier ends with exactly the trees of fresh fits"""
    first, second = two_problems(12)
    assert_refit_forgets(lambda: sub.DecisionTreeClassifier(max_depth=3), first, second, ["tree_"],
                         name="DecisionTreeClassifier")
