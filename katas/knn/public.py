"""Public checks for knn: hand-computed distances and votes, no Python loops, neighbour properties."""
import ast

import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, expect_tuple, fail, submission_source, within
from graders import strategies as kst

from . import kata

DIST_ATOL = 1e-7  # the expansion |a|^2 - 2 a.b + |b|^2 loses ~1e-8 near zero distance: both methods are accepted

LOOP_NODES = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
LOOP_CALLS = {"vectorize", "apply_along_axis", "fromfunction", "map", "frompyfunc"}


def _aliases(tree):
    """Top-level names bound to another name (`work = _fill`, `each = map`, `from builtins import map as each`)."""
    aliases = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Name, ast.Attribute)):
            target = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            aliases.update({t.id: target for t in node.targets if isinstance(t, ast.Name)})
        elif isinstance(node, ast.ImportFrom):
            aliases.update({a.asname: a.name for a in node.names if a.asname})
    return aliases


def _resolve(name, aliases):
    seen = set()
    while name in aliases and name not in seen:
        seen.add(name)
        name = aliases[name]
    return name


def python_loops(source, function):
    """(line, what) of every Python-level loop in `function` and the module-level functions it calls.

    Calls are followed through top-level aliases (`work = _fill`, `each = map`). A reading of the source
    cannot see everything (code built at run time); the hidden check counts the lines that really run.
    """
    tree = ast.parse(source)
    functions = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    aliases = _aliases(tree)
    if function not in functions:
        fail(f"could not find `def {function}(...)` at the top level of your file: define it there "
             "(not as an alias or a lambda) so that it can be checked for loops.")
    found, seen, todo = [], set(), [function]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(functions[name]):
            if isinstance(node, LOOP_NODES):
                found.append((node.lineno, f"a `{type(node).__name__}` in {name}"))
            elif isinstance(node, ast.Call):
                callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
                callee = _resolve(callee, aliases)
                if callee in LOOP_CALLS:
                    found.append((node.lineno, f"a call to `{callee}` (a loop in disguise) in {name}"))
                elif callee in functions:
                    todo.append(callee)
    return sorted(found)


def knn_data(draw, n_max=12, d_max=3, grid=False):
    n, d = draw(kst.dims(2, n_max)), draw(kst.dims(1, d_max))
    rng = kst.rng_from(draw(kst.seeds()))
    if grid:
        X = rng.integers(0, 4, size=(n, d)).astype(np.float64)
        Q = rng.integers(0, 4, size=(draw(kst.dims(1, 6)), d)).astype(np.float64)
    else:
        X = rng.uniform(-1.0, 1.0, size=(n, d))
        Q = rng.uniform(-1.5, 1.5, size=(draw(kst.dims(1, 6)), d))
    y = rng.integers(0, draw(kst.dims(2, 4)), size=n) * 3 + 1
    return X, y, Q


@kata.check(points=2)
@given(st.just(None))
def pairwise_distances_hand_values(sub, ref, _):
    """pairwise_distances gives Euclidean distances, one row per point of A and one column per point of B"""
    A = np.array([[0.0, 0.0], [3.0, 4.0]])
    B = np.array([[0.0, 0.0], [6.0, 8.0], [3.0, 0.0]])
    assert_close(sub.pairwise_distances(A, B), np.array([[0.0, 10.0, 3.0], [5.0, 5.0, 4.0]]), atol=DIST_ATOL,
                 name="pairwise_distances([[0,0],[3,4]], [[0,0],[6,8],[3,0]])")
    C = np.array([[1.0, 2.0, 2.0]])
    assert_close(sub.pairwise_distances(C, np.zeros((2, 3))), np.array([[3.0, 3.0]]), atol=DIST_ATOL,
                 name="pairwise_distances([[1,2,2]], zeros((2, 3))) (shape (1, 2))")


@kata.check(points=1)
@given(n_a=kst.dims(1, 6), n_b=kst.dims(1, 6), d=kst.dims(1, 5), seed=kst.seeds())
def pairwise_distances_agrees_with_norms(sub, ref, n_a, n_b, d, seed):
    """pairwise_distances(A, B)[i, j] equals the norm of A[i] - B[j]"""
    rng = kst.rng_from(seed)
    A, B = rng.uniform(-2, 2, size=(n_a, d)), rng.uniform(-2, 2, size=(n_b, d))
    got = sub.pairwise_distances(A, B)
    expected = np.array([[np.linalg.norm(a - b) for b in B] for a in A])
    assert_close(got, expected, atol=DIST_ATOL, name=f"pairwise_distances(A {A.shape}, B {B.shape})")


@kata.check(points=2)
@given(st.just(None))
def pairwise_distances_has_no_python_loop(sub, ref, _):
    """pairwise_distances is vectorised: no Python loop, comprehension or np.vectorize"""
    got = sub.pairwise_distances(np.zeros((2, 2)), np.ones((3, 2)))
    assert_array(got, name="pairwise_distances(zeros((2, 2)), ones((3, 2)))", shape=(2, 3))
    loops = python_loops(submission_source(sub), "pairwise_distances")
    if loops:
        where = "; ".join(f"line {line}: {what}" for line, what in loops)
        fail(f"pairwise_distances must not loop in Python, but it does ({where}). Compute all distances at once "
             "with broadcasting, A[:, None, :] - B[None, :, :], or with |a|^2 - 2 a.b + |b|^2 and a matrix product.")


@kata.check(points=2)
@given(st.just(None))
def predict_hand_example(sub, ref, _):
    """predict votes among the k nearest points and breaks ties by the smallest label"""
    X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
    y = np.array([3, 3, 1, 7, 7])
    cases = [
        (1, [[0.1], [1.9], [10.6]], [3, 1, 7], "k=1: the label of the nearest point"),
        (3, [[1.0]], [3], "k=3 at 1.0: neighbours 1, 0, 2 with labels 3, 3, 1"),
        (2, [[1.4]], [1], "k=2 at 1.4: labels 3 (nearer) and 1 tie, the smaller label 1 wins"),
        (2, [[6.1]], [1], "k=2 at 6.1: labels 7 (nearer, at 10) and 1 (at 2) tie, 1 wins"),
        (4, [[5.9]], [7], "k=4 at 5.9: neighbours 2, 10, 1, 11 with labels 1, 7, 3, 7"),
    ]
    for k, Q, expected, what in cases:
        got = sub.KNeighborsClassifier(n_neighbors=k).fit(X, y).predict(np.array(Q))
        assert_equal(got, np.array(expected), name=f"predict({Q}) with X_train = {X.ravel().tolist()}, "
                                                   f"y_train = {y.tolist()} ({what})")
    got = sub.KNeighborsClassifier(n_neighbors=1).fit(np.array([[0.0], [2.0]]), np.array([5, 4])).predict(np.array([[1.0]]))
    assert_equal(got, np.array([5]), name="predict([[1.0]]) with k=1, X_train = [0, 2], y_train = [5, 4] "
                                          "(both points are at distance 1: the smaller training index, 0, comes first)")


@kata.check(points=1)
@given(st.just(None))
def equal_distances_keep_the_smaller_index_first(sub, ref, _):
    """kneighbors orders equally distant training points by their index (a stable sort), also beyond 16 ties"""
    # 40 points at distances 2, 1, 0, 1, 2, 2, 1, ... from the query 0: more ties than the 16 that NumPy's default
    # (unstable) sort happens to keep in order on CPUs without SIMD sorting, so its disorder shows everywhere.
    X, y, Q = (np.arange(40) % 5 - 2.0)[:, None], np.zeros(40, np.int64), np.zeros((1, 1))
    distance = np.abs(X[:, 0])
    expected = np.concatenate([np.flatnonzero(distance == v) for v in (0.0, 1.0, 2.0)])  # by distance, then index
    for k in (40, 11):
        dist, idx = expect_tuple(sub.KNeighborsClassifier(n_neighbors=k).fit(X, y).kneighbors(Q),
                                 ["distances", "indices"], call="kneighbors")
        assert_equal(idx, expected[None, :k], name=f"kneighbors indices (k={k}) of the 40 training points -2, -1, 0, "
                     "1, 2, -2, -1, ... around the query 0: equal distances keep the smaller training index first "
                     "(np.argsort(..., kind=\"stable\"))")


@kata.check(points=2, max_examples=10)
@given(data=st.data())
def kneighbors_finds_the_nearest_points(sub, ref, data):
    """kneighbors returns the k closest training points, sorted by distance, with their true distances"""
    X, y, Q = knn_data(data.draw, n_max=12)
    k = data.draw(st.integers(1, len(X)))
    dist, idx = expect_tuple(sub.KNeighborsClassifier(n_neighbors=k).fit(X, y).kneighbors(Q),
                             ["distances", "indices"], call="kneighbors")
    m = len(Q)
    dist = assert_array(dist, name=f"distances from kneighbors (k={k}, {m} queries)", shape=(m, k))
    idx = assert_array(idx, name=f"indices from kneighbors (k={k}, {m} queries)", shape=(m, k), kind="i")
    all_d = np.array([[np.linalg.norm(q - x) for x in X] for q in Q])
    for i in range(m):
        row = idx[i].astype(np.int64)
        if row.min() < 0 or row.max() >= len(X) or len(set(row.tolist())) != k:
            fail(f"kneighbors indices for query {i} should be {k} distinct training indices in [0, {len(X)}), "
                 f"got {row.tolist()}.")
        assert_close(dist[i], all_d[i, row], atol=DIST_ATOL, name=f"distances[{i}] vs the true distances of the "
                                                                   f"indices you returned ({row.tolist()})")
        if np.any(np.diff(dist[i]) < -1e-12):
            fail(f"kneighbors distances for query {i} are not in increasing order: {dist[i].tolist()}.")
        rest = np.setdiff1d(np.arange(len(X)), row)
        if rest.size and all_d[i, rest].min() < all_d[i, row].max() - 1e-9:
            j = int(rest[np.argmin(all_d[i, rest])])
            fail(f"kneighbors for query {i} (k={k}) missed training point {j} at distance {all_d[i, j]:.6g}, "
                 f"closer than the farthest neighbour you returned ({all_d[i, row].max():.6g}).")


@kata.check(points=1, max_examples=10)
@given(data=st.data())
def one_neighbour_recovers_training_labels(sub, ref, data):
    """With k=1, every training point is its own nearest neighbour"""
    X, y, _ = knn_data(data.draw, n_max=15)
    model = sub.KNeighborsClassifier(n_neighbors=1).fit(X, y)
    assert_equal(model.predict(X), y, name="predict(X_train) with n_neighbors=1 (distinct training points)")
    dist, idx = expect_tuple(model.kneighbors(X), ["distances", "indices"], call="kneighbors")
    assert_equal(idx, np.arange(len(X)).reshape(-1, 1), name="kneighbors(X_train)[1] with n_neighbors=1")
    assert_close(dist, np.zeros((len(X), 1)), atol=DIST_ATOL, name="kneighbors(X_train)[0] with n_neighbors=1")


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1, y1), fit(X2, y2), fit(X1, y1) on one classifier predicts like a fresh one fitted on X1, y1"""
    refit_predicts_like_a_fresh_fit(sub, seed=8)


def refit_predicts_like_a_fresh_fit(sub, seed: int) -> None:
    """Fit one classifier on data 1, data 2, data 1 again; it must predict like a fresh one fitted on data 1."""
    rng = np.random.default_rng(seed)
    X1, queries = rng.normal(size=(15, 2)), rng.normal(size=(10, 2))
    X2 = queries[:6] + 1e-3  # the nearest neighbours of six queries, if a model still remembered them
    first, second = (X1, (X1[:, 0] > 0).astype(np.int64)), (X2, np.full(6, 7, dtype=np.int64))
    fresh = sub.KNeighborsClassifier(n_neighbors=1)
    fresh.fit(*first)
    model = sub.KNeighborsClassifier(n_neighbors=1)
    for data in (first, second, first):
        model.fit(*data)
    got, expected = model.predict(queries), fresh.predict(queries)
    within("fitting the same classifier again changed its predictions: fit(X1, y1), fit(X2, y2), fit(X1, y1) "
           "must predict like a fresh classifier fitted on X1, y1. Your fit keeps the earlier training data "
           "(appending to a list made in __init__?) instead of replacing it.",
           assert_equal, got, np.asarray(expected), name="predict(queries) after fit(X1), fit(X2), fit(X1)")
