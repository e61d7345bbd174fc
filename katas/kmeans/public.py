"""Public checks for the kmeans kata: hand computations and properties (no reference)."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_refit_forgets, expect_fitted, fail
from graders import strategies as kst

from . import kata


def blobs(seed, n, d, k, spread=4.0):
    """``n`` points in ``d`` dimensions around ``k`` centres drawn with scale ``spread`` (continuous: no exact ties)."""
    rng = kst.rng_from(seed)
    centres = rng.normal(0.0, spread, size=(k, d))
    return centres[rng.integers(k, size=n)] + rng.standard_normal((n, d))


@st.composite
def problems(draw, min_n=4, max_n=20, max_d=3, max_k=4):
    """A dataset X (N, D), a number of clusters k <= N and a seed for the rng."""
    n = draw(kst.dims(min_n, max_n))
    d = draw(kst.dims(1, max_d))
    k = draw(kst.dims(1, min(max_k, n)))
    spread = draw(st.sampled_from([4.0, 1.0]))  # well separated, or overlapping (Lloyd moves points around)
    return {"X": blobs(draw(kst.seeds()), n, d, k, spread), "k": k, "seed": draw(kst.seeds())}


def nearest(X, C):
    """Index of the nearest row of C for each row of X, and the squared distances (N, K)."""
    d2 = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=2)
    return np.argmin(d2, axis=1), d2


def sse(X, C, labels):
    """Sum of squared distances of each row of X to its assigned centroid."""
    return float(np.sum((X - C[labels]) ** 2))


def rows_of(C, X):
    """For each row of C, the index of an identical row of X, or -1."""
    same = np.all(C[:, None, :] == X[None, :, :], axis=2)
    return np.where(same.any(axis=1), np.argmax(same, axis=1), -1)


def fitted_model(model, X, call):
    """Call ``model.fit(X)`` and insist that it returns the model (self)."""
    return expect_fitted(model.fit(X), call=f"{call}.fit(X)", then="KMeans(...).fit(X).labels_")


@kata.check(points=2)
@given(case=problems())
def plusplus_picks_rows_of_X_reproducibly(sub, ref, case):
    """kmeans_plusplus returns k distinct rows of X, the first one X[rng.integers(N)], the same for the same seed"""
    X, k, seed = case["X"], case["k"], case["seed"]
    n, d = X.shape
    call = f"kmeans_plusplus(X, k={k}, rng={seed}) with X of shape {X.shape}"
    C = assert_array(sub.kmeans_plusplus(X, k, seed), name=call, shape=(k, d))
    idx = rows_of(C, X)
    if np.any(idx < 0):
        j = int(np.argmax(idx < 0))
        fail(f"{call}: centroid {j} = {C[j]} is not a row of X. k-means++ picks actual data points as the initial centres.")
    if len(set(idx.tolist())) < k:
        fail(
            f"{call}: picked the same point twice (rows {idx.tolist()} of X). A point already chosen is at squared "
            "distance 0 from the centres, so its probability d2 / d2.sum() must be 0."
        )
    first = int(np.random.default_rng(seed).integers(n))
    if idx[0] != first:
        fail(
            f"{call}: the first centre is row {int(idx[0])} of X, expected row {first}: "
            "draw it with rng.integers(N) as the very first use of rng = np.random.default_rng(rng)."
        )
    again = sub.kmeans_plusplus(X, k, seed)
    assert_close(again, C, name=f"a second call of {call} (the same seed must give the same centres)", rtol=0, atol=0)


def plusplus_by_the_readme(X, k, seed):
    """The README's k-means++ steps 1 to 3, written out: the rows of X it picks, in order."""
    rng = np.random.default_rng(seed)
    n = len(X)
    chosen = [int(rng.integers(n))]
    while len(chosen) < k:
        d2 = np.min([((X - X[c]) ** 2).sum(axis=1) for c in chosen], axis=0)
        chosen.append(int(rng.choice(n, p=d2 / d2.sum())) if d2.sum() > 0 else int(rng.integers(n)))
    return chosen


@kata.check(points=1)
@given(case=problems(), few_distinct=st.booleans())
def plusplus_draws_as_the_readme_says(sub, ref, case, few_distinct):
    """kmeans_plusplus picks the rows the README's draws give: rng.integers(N), then rng.choice(N, p=d2 / d2.sum())"""
    X, k, seed = case["X"], case["k"], case["seed"]
    if few_distinct:  # two distinct points repeated, k up to 4: d2.sum() == 0 once both are chosen
        X, k = np.concatenate([X[:2]] * 3), min(k + 2, 4)
    call = f"kmeans_plusplus(X, k={k}, rng={seed}) with X of shape {X.shape}"
    expected = plusplus_by_the_readme(X, k, seed)
    C = assert_array(sub.kmeans_plusplus(X, k, seed), name=call, shape=(k, X.shape[1]))
    assert_close(C, X[expected], name=f"the centres of {call} (expected rows {expected} of X: the README's draws, "
                 "with d2 the squared distance to the NEAREST chosen centre, and rng.integers(N) when d2.sum() == 0)")


@kata.check(points=1, max_examples=15)
@given(seed=kst.seeds(), m=kst.dims(2, 5), d=kst.dims(1, 3))
def plusplus_covers_every_distinct_point(sub, ref, seed, m, d):
    """With k equal to the number of distinct points, kmeans_plusplus picks each of them once"""
    rng = kst.rng_from(seed)
    points = rng.normal(0.0, 3.0, size=(m, d))
    X = points[rng.permutation(np.repeat(np.arange(m), rng.integers(1, 4, size=m)))]
    call = f"kmeans_plusplus(X, k={m}, rng={seed}) with X made of {m} distinct points, some repeated (X of shape {X.shape})"
    C = assert_array(sub.kmeans_plusplus(X, m, seed), name=call, shape=(m, d))
    idx = rows_of(C, points)
    if np.any(idx < 0) or len(set(idx.tolist())) < m:
        fail(
            f"{call}: expected each distinct point once (in any order), got centres {C.tolist()}. "
            "A point that equals (or repeats) an already chosen centre has d2 = 0: d2[i] must be the squared "
            "distance to the NEAREST centre chosen so far, not to the first one only."
        )


@kata.check(points=1)
@given(case=problems(), seed2=kst.seeds())
def assign_labels_picks_the_nearest_centroid(sub, ref, case, seed2):
    """assign_labels gives the index of the nearest centroid, the lowest index on a tie"""
    X, k = case["X"], case["k"]
    rng = kst.rng_from(seed2)
    C = X[rng.choice(len(X), size=k, replace=False)] + 0.1 * rng.standard_normal((k, X.shape[1]))
    if k >= 2:
        C[-1] = C[0]  # an exact tie: the lower index wins
    labels = sub.assign_labels(X, C)
    expected, _ = nearest(X, C)
    assert_equal(labels, expected, name=f"assign_labels(X, centroids) with X of shape {X.shape}, {k} centroids"
                 + (" (the last centroid duplicates the first: ties go to the lowest index)" if k >= 2 else ""))


@kata.check(points=2)
@given(case=problems(), seed2=kst.seeds())
def update_centroids_takes_means_and_keeps_empty_clusters(sub, ref, case, seed2):
    """update_centroids returns each cluster's mean; a cluster with no point keeps its centroid"""
    X, k = case["X"], case["k"]
    n, d = X.shape
    rng = kst.rng_from(seed2)
    labels = rng.integers(0, k, size=n)
    empty = int(rng.integers(k))
    if k >= 2:
        labels[labels == empty] = (empty + 1) % k
    C = rng.normal(0.0, 4.0, size=(k, d))
    got = assert_array(sub.update_centroids(X, labels, C), name="update_centroids(X, labels, centroids)", shape=(k, d),
                       finite=False)
    expected = C.copy()
    for j in range(k):
        if np.any(labels == j):
            expected[j] = X[labels == j].mean(axis=0)
    if k >= 2 and not np.allclose(got[empty], C[empty], rtol=1e-6, atol=1e-8):
        fail(
            f"update_centroids: cluster {empty} has no point (labels never equal {empty}); it must keep its current "
            f"centroid {C[empty].tolist()}, got {got[empty].tolist()}. The mean of an empty set is NaN: "
            "skip empty clusters instead."
        )
    assert_close(got, expected, name=f"update_centroids(X, labels, centroids) with X of shape {X.shape}, k={k}")


@kata.check(points=1)
@given(case=problems(), seed2=kst.seeds())
def inertia_is_the_sum_of_squared_distances(sub, ref, case, seed2):
    """inertia is the SUM over points of the squared distance to the assigned centroid"""
    X, k = case["X"], case["k"]
    rng = kst.rng_from(seed2)
    labels = rng.integers(0, k, size=len(X))  # any assignment, not necessarily the nearest one
    C = rng.normal(0.0, 4.0, size=(k, X.shape[1]))
    assert_close(sub.inertia(X, C, labels), sse(X, C, labels),
                 name=f"inertia(X, centroids, labels) with X of shape {X.shape}, k={k}, labels {labels.tolist()}")


@kata.check(points=2, max_examples=15)
@given(case=problems())
def lloyd_steps_never_increase_inertia(sub, ref, case):
    """Neither the assignment step nor the update step ever increases the inertia"""
    X, k, seed = case["X"], case["k"], case["seed"]
    C = assert_array(sub.kmeans_plusplus(X, k, seed), name="kmeans_plusplus(X, k, rng)", shape=(k, X.shape[1]))
    labels = np.zeros(len(X), dtype=np.int64)
    before = sse(X, C, labels)
    for step in range(1, 5):
        new_labels = assert_array(sub.assign_labels(X, C), name="assign_labels(X, centroids)", shape=(len(X),), kind="i")
        after_assign = sse(X, C, new_labels)
        if step > 1 and after_assign > before * (1 + 1e-9) + 1e-12:
            fail(f"iteration {step}: the assignment step increased the inertia from {before:.10g} to {after_assign:.10g}. "
                 "Each point must go to its nearest centroid.")
        new_C = assert_array(sub.update_centroids(X, new_labels, C), name="update_centroids(X, labels, centroids)",
                             shape=C.shape)
        after_update = sse(X, new_C, new_labels)
        if after_update > after_assign * (1 + 1e-9) + 1e-12:
            fail(f"iteration {step}: the update step increased the inertia from {after_assign:.10g} to {after_update:.10g}. "
                 "The mean of a cluster's points minimises the sum of their squared distances.")
        C, before = new_C, after_update


@kata.check(points=2, max_examples=15)
@given(case=problems(), max_iter=st.sampled_from([1, 2, 3, 100]))
def fit_is_self_consistent(sub, ref, case, max_iter):
    """KMeans.fit: labels_ are the nearest centres, inertia_ matches, inertia_history_ never increases"""
    X, k, seed = case["X"], case["k"], case["seed"]
    n, d = X.shape
    call = f"KMeans(n_clusters={k}, max_iter={max_iter}, seed={seed})"
    model = fitted_model(sub.KMeans(n_clusters=k, max_iter=max_iter, seed=seed), X, call)
    where = f"after {call}.fit(X) with X of shape {X.shape}"
    C = assert_array(model.cluster_centers_, name=f"cluster_centers_ {where}", shape=(k, d))
    labels = assert_array(model.labels_, name=f"labels_ {where}", shape=(n,), kind="i")
    expected_labels, _ = nearest(X, C)
    if not np.array_equal(labels, expected_labels):
        fail(f"labels_ {where} are not the nearest centres of cluster_centers_: compute labels_ from the FINAL centroids "
             f"(after the last update step). Got {labels.tolist()}, nearest {expected_labels.tolist()}.")
    assert_close(model.inertia_, sse(X, C, labels), name=f"inertia_ {where}")
    n_iter = model.n_iter_
    if not isinstance(n_iter, (int, np.integer)) or not 1 <= n_iter <= max_iter:
        fail(f"n_iter_ {where} is {n_iter!r}; expected an int from 1 to max_iter={max_iter}.")
    history = assert_array(model.inertia_history_, name=f"inertia_history_ {where}", shape=(int(n_iter),))
    rises = np.flatnonzero(np.diff(history) > 1e-9 * (1 + np.abs(history[:-1])))
    if rises.size:
        i = int(rises[0])
        fail(f"inertia_history_ {where} increases from {history[i]:.10g} to {history[i + 1]:.10g} "
             f"(iterations {i + 1} and {i + 2}). Lloyd's algorithm never increases the inertia.")
    assert_equal(model.predict(X), labels, name=f"predict(X) on the training data {where}")


@kata.check(points=1)
def refitting_forgets_the_earlier_fit(sub, ref):
    """fit(X1), fit(X2), fit(X1) on one KMeans ends exactly like a fresh KMeans fitted on X1 (same seed)"""
    rng = np.random.default_rng(5)
    first = (np.concatenate([rng.normal(c, 0.3, size=(10, 2)) for c in ((0, 0), (4, 0), (0, 4))]),)
    second = (rng.normal(size=(9, 2)) * 3,)
    assert_refit_forgets(lambda: sub.KMeans(n_clusters=3, max_iter=50, seed=3), first, second,
                         ["cluster_centers_", "labels_", "inertia_", "n_iter_"], name="KMeans")
