"""Public checks for random_forest: voting by hand, determinism, and properties of the trees."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_equal, fail, strategies as kst

from . import kata


@st.composite
def forest_data(draw, n_min=6, n_max=14, d_min=2, d_max=5, continuous=None):
    """X (n, d) float64 with few distinct values per feature (or continuous), labels y (n,) in [0, k)."""
    n, d, k = draw(kst.dims(n_min, n_max)), draw(kst.dims(d_min, d_max)), draw(kst.dims(2, 3))
    continuous = draw(st.booleans()) if continuous is None else continuous
    rng = kst.rng_from(draw(kst.seeds()))
    X = rng.uniform(-1.0, 1.0, size=(n, d)) if continuous else rng.integers(0, 4, size=(n, d)).astype(np.float64)
    y = rng.integers(0, k, size=n)
    return X, y


# -- reading trees (the nested-dict format of the README) -------------------------------------
def check_node(node, path):
    """True for a leaf {"value"}, False for an internal node; fail for anything else."""
    if not isinstance(node, dict):
        fail(f"tree at {path}: every node must be a dict, got {type(node).__name__}.")
    if set(node) == {"value"}:
        return True
    if set(node) == {"feature", "threshold", "left", "right"}:
        return False
    fail(f"tree at {path}: a node must have exactly the keys {{'value'}} (a leaf) or "
         f"{{'feature', 'threshold', 'left', 'right'}} (an internal node), got {sorted(node)}.")


def route(node, X, path="root"):
    """Labels the tree predicts for X (m, d), following x[feature] <= threshold to the left."""
    if check_node(node, path):
        return np.full(len(X), int(node["value"]), dtype=np.int64)
    out = np.empty(len(X), dtype=np.int64)
    left = X[:, int(node["feature"])] <= float(node["threshold"])
    out[left] = route(node["left"], X[left], path + ".left")
    out[~left] = route(node["right"], X[~left], path + ".right")
    return out


def depth_of(node, path="root"):
    if check_node(node, path):
        return 0
    return 1 + max(depth_of(node["left"], path + ".left"), depth_of(node["right"], path + ".right"))


def describe_node(node):
    if isinstance(node, dict) and set(node) == {"value"}:
        return f"a leaf predicting {node['value']}"
    if isinstance(node, dict) and "feature" in node:
        return f"a split on feature {node['feature']} at threshold {node.get('threshold')}"
    return repr(node)[:80]


def compare_trees(got, expected, path="root"):
    """Fail at the first node where the tree `got` differs from `expected` (thresholds within 1e-9)."""
    is_leaf = check_node(got, path)
    if check_node(expected, path):
        if not is_leaf or int(got["value"]) != int(expected["value"]):
            fail(f"differs at {path}: expected {describe_node(expected)}, got {describe_node(got)}.")
        return
    if (is_leaf or int(got["feature"]) != int(expected["feature"])
            or abs(float(got["threshold"]) - float(expected["threshold"])) > 1e-9):
        fail(f"differs at {path}: expected {describe_node(expected)}, got {describe_node(got)}.")
    compare_trees(got["left"], expected["left"], path + ".left")
    compare_trees(got["right"], expected["right"], path + ".right")


def trees_of(model, n_estimators, setting):
    trees = model.estimators_
    if not isinstance(trees, (list, tuple)) or len(trees) != n_estimators:
        fail(f"estimators_ ({setting}) should be a list of {n_estimators} trees, got "
             f"{type(trees).__name__}" + (f" of length {len(trees)}" if isinstance(trees, (list, tuple)) else "") + ".")
    return list(trees)


def same_forest(got, expected, what):
    for t, (g, e) in enumerate(zip(got, expected)):
        try:
            compare_trees(g, e)
        except AssertionError as exc:
            fail(f"{what}: tree {t} {exc}")


# -- checks -----------------------------------------------------------------------------------
@kata.check(points=2)
@given(st.just(None))
def majority_vote_hand_cases(sub, ref, _):
    """majority_vote takes each column's most frequent label, the smallest one on a tie"""
    a = np.array
    cases = [
        (a([[0, 1, 1], [1, 1, 0], [1, 0, 0]]), a([1, 1, 0]), "three trees, clear majorities"),
        (a([[2, 0], [0, 2]]), a([0, 0]), "two trees that disagree: a tie in every column"),
        (a([[3], [1], [3], [1]]), a([1]), "a 2-2 tie between labels 3 and 1"),
        (a([[5, 7], [7, 7], [9, 5]]), a([5, 7]), "a three-way tie (5, 7, 9) and a 2-1 majority for 7"),
        (a([[4, 0, 2]]), a([4, 0, 2]), "a single tree"),
    ]
    for votes, expected, what in cases:
        assert_equal(sub.majority_vote(votes), expected, name=f"majority_vote({votes.tolist()}) for {what}")


@kata.check(points=1, max_examples=8)
@given(data=forest_data(continuous=True), n_estimators=st.integers(1, 3))
def without_randomness_every_tree_is_a_full_tree(sub, ref, data, n_estimators):
    """With bootstrap=False and max_features=None, all trees are equal and fit the training data"""
    X, y = data
    setting = f"n_estimators={n_estimators}, bootstrap=False, max_features=None"
    model = sub.RandomForestClassifier(n_estimators=n_estimators, bootstrap=False, max_features=None, seed=0).fit(X, y)
    trees = trees_of(model, n_estimators, setting)
    same_forest(trees, [trees[0]] * n_estimators,
                f"{setting}: every tree sees all rows and all features, so all trees must equal tree 0, but")
    assert_equal(model.predict(X), y, name=f"predict(X_train) ({setting}, distinct training rows, no depth limit)")


@kata.check(points=2, max_examples=8)
@given(data=forest_data(), seed=kst.seeds(), max_features=st.sampled_from(["sqrt", 1, None]))
def same_seed_same_forest(sub, ref, data, seed, max_features):
    """The same seed grows the same forest, also when the same model is fitted again"""
    X, y = data
    seed = seed % 1000
    setting = f"n_estimators=3, max_features={max_features!r}, seed={seed}"
    first = sub.RandomForestClassifier(n_estimators=3, max_features=max_features, seed=seed)
    first.fit(X, y)
    trees = trees_of(first, 3, setting)
    other = sub.RandomForestClassifier(n_estimators=3, max_features=max_features, seed=seed).fit(X, y)
    same_forest(trees_of(other, 3, setting), trees,
                f"two forests built with the same seed ({setting}) must be identical, but")
    first.fit(X, y)
    same_forest(trees_of(first, 3, setting), trees,
                f"fitting the same model a second time ({setting}) must grow the same forest (create the generator "
                "from the seed at the start of fit, not in __init__), but")


@kata.check(points=2, max_examples=10)
@given(data=forest_data(), seed=kst.seeds(), max_depth=st.sampled_from([None, 1, 2]))
def predict_is_majority_vote_of_trees(sub, ref, data, seed, max_depth):
    """Trees obey max_depth, and predict is the majority vote of the trees in estimators_"""
    X, y = data
    setting = f"n_estimators=4, max_depth={max_depth}"
    model = sub.RandomForestClassifier(n_estimators=4, max_depth=max_depth, seed=seed % 1000).fit(X, y)
    trees = trees_of(model, 4, setting)
    for t, tree in enumerate(trees):
        depth = depth_of(tree)
        if max_depth is not None and depth > max_depth:
            fail(f"estimators_[{t}] ({setting}) has depth {depth} (the root is at depth 0).")
    X_new = kst.rng_from(seed).uniform(-1.0, 4.0, size=(10, X.shape[1]))
    votes = np.array([route(tree, X_new, f"estimators_[{t}]") for t, tree in enumerate(trees)])
    expected = np.array([np.argmax(np.bincount(column)) for column in votes.T], dtype=np.int64)
    assert_equal(model.predict(X_new), expected,
                 name=f"predict(X_new) ({setting}) vs the majority vote (smallest label on a tie) of your trees")


# -- the exact sequence of draws, on fixed data: the forest the statement's procedure grows ------------------
_FIXED = np.random.default_rng(2024)
FIXED_X = _FIXED.integers(0, 4, size=(12, 5)).astype(np.float64)
FIXED_Y = _FIXED.integers(0, 3, size=12)
FIXED_SETTINGS = ({"n_estimators": 3, "max_features": "sqrt", "seed": 7},   # k = floor(sqrt(5)) = 2
                  {"n_estimators": 2, "max_features": None, "seed": 3},    # k = d = 5: drawn all the same
                  {"n_estimators": 2, "max_features": 1, "seed": 5})       # k = 1: often a constant feature


def plain_tree(node):
    """A tree as plain data (ints and floats), for a frozen value."""
    if "value" in node:
        return {"value": int(node["value"])}
    return {"feature": int(node["feature"]), "threshold": float(node["threshold"]),
            "left": plain_tree(node["left"]), "right": plain_tree(node["right"])}


@kata.frozen
def forest_of_the_statement(ref):
    """The trees grown on FIXED_X, FIXED_Y with each of FIXED_SETTINGS by the statement's sequence of draws."""
    return [[plain_tree(tree) for tree in ref.RandomForestClassifier(**setting).fit(FIXED_X, FIXED_Y).estimators_]
            for setting in FIXED_SETTINGS]


@kata.check(points=2, max_examples=1)
@given(st.just(None))
def draws_follow_the_statement(sub, ref, _):
    """On fixed data (12 rows, 5 features), three seeds grow the forests of the statement's exact draws"""
    for setting, expected in zip(FIXED_SETTINGS, kata.frozen_value("forest_of_the_statement")):
        shown = ", ".join(f"{k}={v!r}" for k, v in setting.items())
        model = sub.RandomForestClassifier(**setting).fit(FIXED_X, FIXED_Y)
        same_forest(trees_of(model, setting["n_estimators"], shown), expected,
                    f"RandomForestClassifier({shown}) on X = {FIXED_X.astype(int).tolist()}, y = {FIXED_Y.tolist()}, "
                    "compared with the forest of the statement's exact sequence of draws (one generator made at the "
                    "start of fit; per tree rng.integers(0, n, size=n) for the rows, then at every node that is split "
                    "rng.choice(d, size=k, replace=False), also when k = d; a node whose drawn features are all "
                    "constant is a leaf)")
