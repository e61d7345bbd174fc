"""Public checks for cross_validation: fold structure and sizes, the specified shuffles, ridge scores worked out
independently, grid order and the tie rule."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_scalar, expect_tuple, fail
from graders import strategies as kst

from . import kata


@st.composite
def n_and_k(draw, n_max=23):
    """n and k with 2 <= k <= n: k often does not divide n, k = n (leave-one-out) included."""
    n = draw(kst.dims(2, n_max))
    return n, draw(st.integers(2, n))


@st.composite
def class_labels(draw, n_max=23):
    """Labels (n,) with up to 4 classes, some rarer than k, and k in [2, n]."""
    n = draw(kst.dims(2, n_max))
    rng = kst.rng_from(draw(kst.seeds()))
    y = rng.integers(0, draw(kst.dims(1, 4)), size=n) * 2 + 1      # labels 1, 3, 5, 7: not 0..C-1
    return y, draw(st.integers(2, n))


@st.composite
def regression_data(draw, n_max=16):
    n, d = draw(kst.dims(4, n_max)), draw(kst.dims(1, 3))
    rng = kst.rng_from(draw(kst.seeds()))
    X = rng.standard_normal((n, d))
    return X, X @ rng.standard_normal(d) + 0.5 + 0.3 * rng.standard_normal(n), draw(st.integers(2, n))


def checked_folds(folds, n, k, call):
    """The test sets of folds, after checking the structure every split must have."""
    if not isinstance(folds, (list, tuple)) or len(folds) != k:
        fail(f"{call} should return a list of {k} (train, test) pairs, got "
             f"{type(folds).__name__}{' of length ' + str(len(folds)) if isinstance(folds, (list, tuple)) else ''}.")
    tests, seen = [], np.zeros(n, dtype=np.int64)
    for i, fold in enumerate(folds):
        train, test = expect_tuple(fold, ["train", "test"], call=f"{call}[{i}]")
        test = assert_array(test, name=f"test indices of fold {i} of {call}", kind="i")
        train = assert_array(train, name=f"train indices of fold {i} of {call}", kind="i")
        if test.ndim != 1 or test.size == 0 or test.min() < 0 or test.max() >= n or np.any(np.diff(test) <= 0):
            fail(f"test indices of fold {i} of {call} should be distinct indices in [0, {n}) sorted ascending, "
                 f"got {test.tolist()}.")
        assert_equal(train, np.setdiff1d(np.arange(n), test),
                     name=f"train indices of fold {i} of {call} (every index not in test, ascending)")
        seen[test] += 1
        tests.append(test)
    if np.any(seen != 1):
        j = int(np.argmax(seen != 1))
        fail(f"index {j} is in {seen[j]} test sets of {call}: each index belongs to exactly one test set.")
    return tests


def checked_results(results, count, n_folds, call):
    """results after checking it is a list of count dicts with params, scores (n_folds,) and mean_score."""
    if not isinstance(results, list) or len(results) != count:
        fail(f"{call}: results should be a list of {count} dicts, one per candidate, got {results!r:.200}.")
    for i, entry in enumerate(results):
        if not isinstance(entry, dict) or not {"params", "scores", "mean_score"} <= set(entry):
            fail(f"{call}: results[{i}] should be a dict with keys 'params', 'scores' and 'mean_score', "
                 f"got {entry!r:.200}.")
        assert_array(entry["scores"], name=f"results[{i}]['scores'] of {call}", shape=(n_folds,))
        assert_scalar(entry["mean_score"], name=f"results[{i}]['mean_score'] of {call}")
    return results


def ridge_score(X_train, y_train, X_test, y_test, alpha, fit_intercept=True):
    """Minus the test MSE of ridge regression, from the normal equations with the intercept as an extra unknown."""
    n, d = X_train.shape
    A = np.c_[X_train, np.ones(n)] if fit_intercept else X_train
    penalty = alpha * np.eye(A.shape[1])
    if fit_intercept:
        penalty[-1, -1] = 0.0                                    # the intercept is not penalised
    w = np.linalg.solve(A.T @ A + penalty, A.T @ y_train)
    pred = (np.c_[X_test, np.ones(len(X_test))] if fit_intercept else X_test) @ w
    return -np.mean((pred - y_test) ** 2)


@kata.check(points=1)
@given(st.just(None))
def kfold_hand_example(sub, ref, _):
    """kfold_indices(7, 3): test sets [0, 1, 2], [3, 4], [5, 6]"""
    tests = checked_folds(sub.kfold_indices(7, 3), 7, 3, "kfold_indices(7, 3)")
    for i, expected in enumerate(([0, 1, 2], [3, 4], [5, 6])):
        assert_equal(tests[i], np.array(expected), name=f"test indices of fold {i} of kfold_indices(7, 3) "
                                                         "(the first 7 % 3 = 1 fold has one sample more)")


@kata.check(points=2)
@given(nk=n_and_k(), shuffle=st.booleans(), seed=kst.seeds())
def kfold_blocks_of_the_specified_order(sub, ref, nk, shuffle, seed):
    """kfold_indices takes blocks of sizes n//k + 1 (first n % k) and n//k from arange(n) or the seeded permutation"""
    n, k = nk
    call = f"kfold_indices({n}, {k}, shuffle={shuffle}, seed={seed})"
    tests = checked_folds(sub.kfold_indices(n, k, shuffle=shuffle, seed=seed), n, k, call)
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    start = 0
    for i in range(k):
        size = n // k + (1 if i < n % k else 0)
        assert_equal(tests[i], np.sort(order[start:start + size]),
                     name=f"test indices of fold {i} of {call} (block {start}:{start + size} of "
                          f"{'np.random.default_rng(seed).permutation(n)' if shuffle else 'np.arange(n)'}, sorted)")
        start += size


@kata.check(points=1)
@given(st.just(None))
def stratified_hand_example(sub, ref, _):
    """stratified_kfold_indices([0, 0, 1, 1, 1, 2, 0, 1], 3): test sets [0, 2, 7], [1, 3, 5], [4, 6]"""
    y = np.array([0, 0, 1, 1, 1, 2, 0, 1])
    call = "stratified_kfold_indices(y=[0, 0, 1, 1, 1, 2, 0, 1], k=3)"
    tests = checked_folds(sub.stratified_kfold_indices(y, 3), 8, 3, call)
    for i, expected in enumerate(([0, 2, 7], [1, 3, 5], [4, 6])):
        assert_equal(tests[i], np.array(expected), name=f"test indices of fold {i} of {call} (order = classes in "
                                                         "turn: [0, 1, 6, 2, 3, 4, 7, 5]; position j goes to fold j % 3)")


@kata.check(points=2)
@given(case=class_labels(), shuffle=st.booleans(), seed=kst.seeds())
def stratified_folds_share_every_class(sub, ref, case, shuffle, seed):
    """every stratified test set holds floor or ceil of count_c / k samples of each class c"""
    y, k = case
    call = f"stratified_kfold_indices(y={y.tolist()}, k={k}, shuffle={shuffle}, seed={seed})"
    tests = checked_folds(sub.stratified_kfold_indices(y, k, shuffle=shuffle, seed=seed), len(y), k, call)
    for label in np.unique(y):
        count = int((y == label).sum())
        per_fold = [int((y[t] == label).sum()) for t in tests]
        if min(per_fold) < count // k or max(per_fold) > -(-count // k):
            fail(f"{call}: class {label} has {count} samples, so each of the {k} test sets should hold "
                 f"{count // k} or {-(-count // k)} of them; they hold {per_fold}.")
    sizes = [len(t) for t in tests]
    if max(sizes) - min(sizes) > 1:
        fail(f"{call}: test set sizes should differ by at most one, got {sizes}.")
    if not shuffle:
        again = checked_folds(sub.stratified_kfold_indices(y, k, shuffle=True, seed=seed), len(y), k, call)
        for t, u in zip(tests, again):
            if not np.array_equal(np.sort(y[t]), np.sort(y[u])):
                fail(f"shuffling should only change which samples of a class go where, not the class counts of "
                     f"each test set: {call} with shuffle=False and shuffle=True differ in class counts.")


@kata.check(points=1)
@given(case=class_labels(), seed=kst.seeds())
def stratified_shuffle_follows_the_procedure(sub, ref, case, seed):
    """with shuffle=True, each class's indices are permuted by one generator, class after class, then dealt j % k"""
    y, k = case
    call = f"stratified_kfold_indices(y={y.tolist()}, k={k}, shuffle=True, seed={seed})"
    tests = checked_folds(sub.stratified_kfold_indices(y, k, shuffle=True, seed=seed), len(y), k, call)
    rng = np.random.default_rng(seed)  # the README's steps 1 to 3, written out
    order = np.concatenate([rng.permutation(np.flatnonzero(y == label)) for label in np.unique(y)])
    for i in range(k):
        assert_equal(tests[i], np.sort(order[i::k]),
                     name=f"test indices of fold {i} of {call} (one rng = np.random.default_rng(seed) for all the "
                          "classes; rng.permutation of each class's indices in label order; position j of the "
                          "concatenation goes to fold j % k)")


@kata.check(points=2)
@given(data=regression_data(), alpha=st.sampled_from([0.01, 1.0, 30.0]), intercept=st.booleans())
def cross_val_score_of_ridge(sub, ref, data, alpha, intercept):
    """cross_val_score of the given Ridge equals minus the test MSE of ridge fitted on each train set"""
    X, y, k = data
    n = len(X)
    folds = [(np.setdiff1d(np.arange(n), t), t) for t in np.array_split(np.arange(n), k)]
    estimator = sub.Ridge(alpha=alpha, fit_intercept=intercept)
    got = assert_array(sub.cross_val_score(estimator, X, y, folds), name="scores", shape=(k,))
    expected = np.array([ridge_score(X[tr], y[tr], X[te], y[te], alpha, intercept) for tr, te in folds])
    name = (f"cross_val_score(Ridge(alpha={alpha}, fit_intercept={intercept}), X {X.shape}, y, {k} contiguous folds) "
            "(fit on X[train], score on X[test])")
    # cross_val_score runs the learner's Ridge: if that Ridge disagrees with the statement's, say so, and grade
    # cross_val_score against the scores of the Ridge it was given
    yours = np.array([-np.mean((np.asarray(sub.Ridge(alpha=alpha, fit_intercept=intercept).fit(X[tr], y[tr])
                                           .predict(X[te]), dtype=float) - y[te]) ** 2) for tr, te in folds])
    if yours.shape == expected.shape and not np.allclose(yours, expected, rtol=1e-6, atol=1e-8):
        worst = int(np.argmax(np.abs(yours - expected)))
        name += (f"; your Ridge and the statement's ridge disagree: fitted on fold {worst}'s train set it scores "
                 f"{yours[worst]:.6g} on its test set, the normal equations (intercept not penalised) give "
                 f"{expected[worst]:.6g}. The statement says Ridge is the one to fix: restore the Ridge your stub "
                 "came with (the checks use it); here cross_val_score is compared with the scores of your Ridge")
        expected = yours
    assert_close(got, expected, name=name)


@kata.check(points=2)
@given(st.just(None))
def grid_search_order_and_ties(sub, ref, _):
    """grid_search lists candidates with sorted names, the last varying fastest, and keeps the first best on a tie"""
    X = np.array([[0.0, 0.0], [0.2, 0.1], [3.0, 3.0], [3.1, 2.9], [0.1, 0.3], [2.8, 3.2]])
    y = np.array([0, 0, 1, 1, 0, 1])
    folds = [(np.array([0, 1, 2, 3]), np.array([4, 5])), (np.array([2, 3, 4, 5]), np.array([0, 1]))]
    grid = {"metric": ["manhattan", "euclidean"]}
    call = "grid_search(NearestCentroid(), {'metric': ['manhattan', 'euclidean']}, X, y, 2 folds)"
    best, results = expect_tuple(sub.grid_search(sub.NearestCentroid(), grid, X, y, folds),
                                 ["best_params", "results"], call=call)
    results = checked_results(results, 2, 2, call)
    for i, metric in enumerate(grid["metric"]):
        assert_equal(results[i]["params"], {"metric": metric}, name=f"results[{i}]['params'] of {call}")
    assert_equal(best, {"metric": "manhattan"}, name=f"best_params of {call} (both candidates score 1.0 on both "
                                                     "folds: on a tie the first candidate wins)")

    Xr = np.arange(12.0).reshape(6, 2) ** 0.5
    yr = Xr @ np.array([1.0, -2.0]) + np.array([0.3, -0.1, 0.2, 0.0, -0.3, 0.1])
    grid = {"fit_intercept": [False, True], "alpha": [3.0, 0.1, 1.0]}
    call = "grid_search(Ridge(), {'fit_intercept': [False, True], 'alpha': [3.0, 0.1, 1.0]}, X, y, 2 folds)"
    best, results = expect_tuple(sub.grid_search(sub.Ridge(), grid, Xr, yr, folds), ["best_params", "results"],
                                 call=call)
    order = [{"alpha": a, "fit_intercept": f} for a in (3.0, 0.1, 1.0) for f in (False, True)]
    results = checked_results(results, 6, 2, call)
    means = []
    for i, params in enumerate(order):
        entry = results[i]
        assert_equal(entry["params"], params, name=f"results[{i}]['params'] of {call} (names sorted: alpha "
                                                       "first, then fit_intercept, which varies fastest)")
        expected = [ridge_score(Xr[tr], yr[tr], Xr[te], yr[te], params["alpha"], params["fit_intercept"])
                    for tr, te in folds]
        assert_close(entry["scores"], np.array(expected), name=f"results[{i}]['scores'] of {call}")
        means.append(float(entry["mean_score"]))
        assert_close(means[-1], float(np.mean(expected)), name=f"results[{i}]['mean_score'] of {call}")
    assert_equal(best, order[int(np.argmax(means))], name=f"best_params of {call} (the highest mean score)")


@kata.check(points=1)
@given(data=regression_data(n_max=10))
def grid_search_leaves_the_estimator_alone(sub, ref, data):
    """grid_search twice on the same estimator gives the same results and leaves its parameters unchanged"""
    X, y, k = data
    folds = [(np.setdiff1d(np.arange(len(X)), t), t) for t in np.array_split(np.arange(len(X)), k)]
    estimator = sub.Ridge(alpha=5.0, fit_intercept=False)
    grid = {"alpha": [0.5, 50.0]}
    call = "grid_search(Ridge(alpha=5.0, fit_intercept=False), {'alpha': [0.5, 50.0]}, X, y, folds)"
    first = expect_tuple(sub.grid_search(estimator, grid, X, y, folds), ["best_params", "results"], call=call)
    checked_results(first[1], 2, k, call)
    assert_equal(estimator.get_params(), {"alpha": 5.0, "fit_intercept": False},
                 name=f"the estimator's get_params() after {call} (build new estimators; do not change this one)")
    second = expect_tuple(sub.grid_search(estimator, grid, X, y, folds), ["best_params", "results"], call=call)
    checked_results(second[1], 2, k, call)
    assert_equal(second[0], first[0], name=f"best_params of a second {call}")
    for i, (a, b) in enumerate(zip(first[1], second[1])):
        assert_close(b["scores"], a["scores"], name=f"results[{i}]['scores'] of a second {call}")
    for i, (entry, alpha) in enumerate(zip(first[1], grid["alpha"])):
        assert_equal(entry["params"], {"alpha": alpha}, name=f"results[{i}]['params'] of {call}")
        tr_te = [ridge_score(X[tr], y[tr], X[te], y[te], alpha, False) for tr, te in folds]
        assert_close(entry["scores"], np.array(tr_te), name=f"results[{i}]['scores'] of {call} (fit_intercept=False "
                                                           "comes from the given estimator)")
