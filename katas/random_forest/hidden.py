"""Hidden checks for random_forest: the exact forest of the reference, given the seed."""
from hypothesis import given

from graders import assert_equal, strategies as kst

from . import kata
from .public import forest_data, same_forest, trees_of

CONFIGS = (
    dict(n_estimators=3),
    dict(n_estimators=2, max_features=None, criterion="entropy"),
    dict(n_estimators=3, bootstrap=False, max_features=1),
    dict(n_estimators=2, max_features=2, max_depth=2, min_samples_split=4),
)


def _setting(config, seed):
    return ", ".join(f"{k}={v!r}" for k, v in config.items()) + f", seed={seed}"


@kata.check(points=3, hidden=True, max_examples=8)
@given(data=forest_data(), seed=kst.seeds())
def forest_matches_reference(sub, ref, data, seed):
    """Given the seed, estimators_ holds exactly the reference's trees"""
    X, y = data
    seed = seed % 1000
    for config in CONFIGS:
        setting = _setting(config, seed)
        got = trees_of(sub.RandomForestClassifier(seed=seed, **config).fit(X, y), config["n_estimators"], setting)
        expected = ref.RandomForestClassifier(seed=seed, **config).fit(X, y).estimators_
        same_forest(got, expected, f"RandomForestClassifier({setting}) on y = {y.tolist()} and X =\n{X}\n")


@kata.check(points=1, hidden=True, max_examples=8)
@given(data=forest_data(), other=forest_data(), seed=kst.seeds())
def refit_matches_reference(sub, ref, data, other, seed):
    """A model fitted twice grows the reference's forest for the second data set"""
    X, y = data
    X2, y2 = other
    seed = seed % 1000
    model = sub.RandomForestClassifier(n_estimators=3, seed=seed)
    model.fit(X, y)
    model.fit(X2, y2)
    expected = ref.RandomForestClassifier(n_estimators=3, seed=seed).fit(X2, y2).estimators_
    same_forest(trees_of(model, 3, f"seed={seed}"), expected,
                f"after fit(X, y) then fit(X2, y2) with seed={seed}, the forest should be the one a fresh model grows on "
                f"(X2, y2), y2 = {y2.tolist()}, but")


@kata.check(points=1, hidden=True, max_examples=8)
@given(data=forest_data(), seed=kst.seeds())
def predict_matches_reference(sub, ref, data, seed):
    """predict matches the reference on new points"""
    X, y = data
    X_new = kst.rng_from(seed).uniform(-1.0, 4.0, size=(10, X.shape[1]))
    for config in CONFIGS[:2]:
        got = sub.RandomForestClassifier(seed=seed % 1000, **config).fit(X, y).predict(X_new)
        expected = ref.RandomForestClassifier(seed=seed % 1000, **config).fit(X, y).predict(X_new)
        assert_equal(got, expected, name=f"predict(X_new) of RandomForestClassifier({_setting(config, seed % 1000)})")


@kata.check(points=1, hidden=True)
@given(n_estimators=kst.dims(1, 6), n=kst.dims(1, 8), k=kst.dims(1, 4), seed=kst.seeds())
def majority_vote_matches_reference(sub, ref, n_estimators, n, k, seed):
    """majority_vote matches the reference on random votes with many ties"""
    votes = kst.rng_from(seed).integers(0, k, size=(n_estimators, n)) * 2 + 1
    assert_equal(sub.majority_vote(votes), ref.majority_vote(votes), name=f"majority_vote({votes.tolist()})")
