"""Hidden checks for cross_validation: splits, scores and searches compared with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, expect_tuple
from graders import strategies as kst

from . import kata
from .public import checked_folds, checked_results, class_labels, n_and_k, regression_data


def assert_same_folds(got, expected, n, call):
    tests = checked_folds(got, n, len(expected), call)
    for i, (test, (_, expected_test)) in enumerate(zip(tests, expected)):
        assert_equal(test, expected_test, name=f"test indices of fold {i} of {call}")


@kata.check(points=2, hidden=True)
@given(nk=n_and_k(n_max=40), shuffle=st.booleans(), seed=kst.seeds())
def kfold_matches_reference(sub, ref, nk, shuffle, seed):
    """kfold_indices matches the reference, shuffled or not"""
    n, k = nk
    assert_same_folds(sub.kfold_indices(n, k, shuffle=shuffle, seed=seed), ref.kfold_indices(n, k, shuffle, seed), n,
                      f"kfold_indices({n}, {k}, shuffle={shuffle}, seed={seed})")


@kata.check(points=3, hidden=True)
@given(case=class_labels(n_max=40), shuffle=st.booleans(), seed=kst.seeds())
def stratified_matches_reference(sub, ref, case, shuffle, seed):
    """stratified_kfold_indices matches the reference, shuffled or not, classes rarer than k included"""
    y, k = case
    assert_same_folds(sub.stratified_kfold_indices(y, k, shuffle=shuffle, seed=seed),
                      ref.stratified_kfold_indices(y, k, shuffle, seed), len(y),
                      f"stratified_kfold_indices(y={y.tolist()}, k={k}, shuffle={shuffle}, seed={seed}) (classes "
                      "visited in increasing label order, position j of the concatenated order to fold j % k)")


@kata.check(points=2, hidden=True)
@given(data=regression_data(), alpha=st.sampled_from([0.01, 3.0]), seed=kst.seeds())
def cross_val_score_matches_reference(sub, ref, data, alpha, seed):
    """cross_val_score matches the reference with Ridge on shuffled folds and NearestCentroid on stratified folds"""
    X, y, k = data
    folds = ref.kfold_indices(len(X), k, True, seed)
    assert_close(sub.cross_val_score(sub.Ridge(alpha=alpha), X, y, folds),
                 ref.cross_val_score(ref.Ridge(alpha=alpha), X, y, folds),
                 name=f"cross_val_score(Ridge(alpha={alpha}), X {X.shape}, y, kfold_indices({len(X)}, {k}, True, {seed}))")
    labels = (y > np.median(y)).astype(np.int64)
    folds = ref.stratified_kfold_indices(labels, 2, True, seed)
    est = "NearestCentroid(metric='manhattan')"
    assert_close(sub.cross_val_score(sub.NearestCentroid(metric="manhattan"), X, labels, folds),
                 ref.cross_val_score(ref.NearestCentroid(metric="manhattan"), X, labels, folds),
                 name=f"cross_val_score({est}, X {X.shape}, labels={labels.tolist()}, 2 stratified folds)")


@kata.check(points=3, hidden=True)
@given(data=regression_data(n_max=12), seed=kst.seeds(),
       alphas=st.lists(st.sampled_from([0.01, 0.3, 3.0, 30.0]), min_size=1, max_size=3))
def grid_search_matches_reference(sub, ref, data, seed, alphas):
    """grid_search matches the reference: candidate order, scores, best parameters, repeated values tying"""
    X, y, k = data
    folds = ref.kfold_indices(len(X), k, True, seed)
    grid = {"fit_intercept": [True, False], "alpha": alphas}          # not in sorted order on purpose
    call = f"grid_search(Ridge(alpha=7.0), {grid}, X {X.shape}, y, {k} shuffled folds)"
    estimator = sub.Ridge(alpha=7.0)
    best, results = expect_tuple(sub.grid_search(estimator, grid, X, y, folds), ["best_params", "results"],
                                 call=call)
    e_best, e_results = ref.grid_search(ref.Ridge(alpha=7.0), grid, X, y, folds)
    checked_results(results, len(e_results), k, call)
    for i, (entry, expected) in enumerate(zip(results, e_results)):
        assert_equal(entry["params"], expected["params"], name=f"results[{i}]['params'] of {call}")
        assert_close(entry["scores"], expected["scores"], name=f"results[{i}]['scores'] of {call}")
        assert_close(float(entry["mean_score"]), expected["mean_score"], name=f"results[{i}]['mean_score'] of {call}")
    assert_equal(best, e_best, name=f"best_params of {call}")
    assert_close(sub.cross_val_score(estimator, X, y, folds), ref.cross_val_score(ref.Ridge(alpha=7.0), X, y, folds),
                 name=f"scores of cross_val_score(Ridge(alpha=7.0), ...) after {call}: grid_search must not change "
                      "the estimator it is given (its get_params)")


@kata.check(points=1, hidden=True, max_examples=6)
@given(data=regression_data(n_max=10), seed=kst.seeds(), first=st.sampled_from(["manhattan", "euclidean"]))
def grid_search_keeps_the_first_of_tied_candidates(sub, ref, data, seed, first):
    """grid_search keeps the first of candidates with equal mean scores"""
    X, y, k = data
    X = X[:, :1]                         # one feature: both metrics measure the same distances, so they always tie
    labels = (y > np.median(y)).astype(np.int64)
    folds = ref.stratified_kfold_indices(labels, 2, True, seed)
    grid = {"metric": [first, "euclidean" if first == "manhattan" else "manhattan"]}
    call = f"grid_search(NearestCentroid(), {grid}, X (one feature), labels={labels.tolist()}, 2 stratified folds)"
    best, _ = expect_tuple(sub.grid_search(sub.NearestCentroid(), grid, X, labels, folds), ["best_params", "results"],
                           call=call)
    assert_equal(best, ref.grid_search(ref.NearestCentroid(), grid, X, labels, folds)[0],
                 name=f"best_params of {call} (the candidates tie: the first one wins)")
