"""State that lives longer than one call: an estimator fitted twice must forget the first fit."""
from __future__ import annotations

import pytest

from graders import CheckFailed, assert_refit_forgets
from graders.runner import GradeOptions, Runner
from tests.conftest import ROOT, write_edited_reference

QUICK = GradeOptions(shrink=False, max_examples=3, visibility=("public",))


@pytest.mark.parametrize("kata_id, edits, culprit", [
    ("perceptron", [("        w = np.zeros(X.shape[1])\n", "        w = getattr(self, 'coef_', np.zeros(X.shape[1]))\n")],
     "different `coef_`"),
    ("kmeans", [("        self.seed = seed\n", "        self.seed = seed\n        self._rng = np.random.default_rng(seed)\n"),
                ("np.random.default_rng(self.seed))", "self._rng)")], "different `cluster_centers_`"),
    ("knn", [("        self.X_train_ = np.array(X, dtype=np.float64)\n",
              "        self.X_train_ = np.concatenate([getattr(self, 'X_train_', np.zeros((0, 2))), X])\n"),
             ("        self.y_train_ = np.array(y)\n",
              "        self.y_train_ = np.concatenate([getattr(self, 'y_train_', np.zeros(0, int)), y])\n")],
     "changed its predictions"),
    # only the fit on the second data shows it: the third fit (on the first data again) is right
    ("pca", [("        k = min(n, d) if self.n_components is None else int(self.n_components)\n",
              "        if self.n_components is None:\n            self.n_components = min(n, d)\n"
              "        k = int(self.n_components)\n")], "fit(X1), fit(X2) must end exactly like fit(X2)"),
    ("naive_bayes", [("        self.classes_ = np.unique(y)\n",
                      "        self.classes_ = np.union1d(getattr(self, 'classes_', []), y).astype(y.dtype)\n")],
     "different `classes_`"),
])
def test_a_model_that_keeps_state_between_fits_is_named(registry, tmp_path, kata_id, edits, culprit):
    submission = write_edited_reference(tmp_path, kata_id, edits)
    checks = {c.check: c for c in Runner(QUICK).grade([registry.katas[kata_id]], submission).katas[0].checks}
    refit = checks["refitting_forgets_the_earlier_fit"]
    assert refit.status == "failed" and culprit in refit.message and "fitting the same" in refit.message
    reference = Runner(QUICK).grade([registry.katas[kata_id]], ROOT / "reference").katas[0]
    assert reference.score == 1.0


class _Mean:
    """A tiny estimator: mean_ of the data, and a tree-like dict; ``keep`` makes it remember its first fit."""

    def __init__(self, keep=None):
        self.keep = keep

    def fit(self, X):
        if self.keep == "hyperparameter" and getattr(self, "size", None) is None:
            self.size = len(X)  # a hyperparameter overwritten by the first fit
        size = getattr(self, "size", None) or len(X)
        self.mean_ = float(sum(X[:size]) / size)
        self.tree_ = {"value": round(self.mean_, 3)}
        return self


def test_a_hyperparameter_overwritten_by_the_first_fit_shows_on_the_second_data():
    # fit(X1), fit(X2), fit(X1) ends right: only the fit on X2 shows that fit(X1) left something behind
    with pytest.raises(CheckFailed, match=r"fit\(X1\), fit\(X2\) must end exactly like fit\(X2\)"):
        assert_refit_forgets(lambda: _Mean("hyperparameter"), ([1.0, 2.0],), ([3.0, 5.0, 10.0],), ["mean_"])
    assert_refit_forgets(lambda: _Mean(), ([1.0, 2.0],), ([3.0, 5.0, 10.0],), ["mean_", "tree_"])


def test_an_attribute_that_is_not_an_array_is_compared_exactly():
    class Remembers(_Mean):
        def fit(self, X):
            super().fit(X)
            self.tree_ = getattr(self, "first_tree", self.tree_)
            self.first_tree = self.tree_
            return self

    with pytest.raises(CheckFailed, match="different `tree_`"):
        assert_refit_forgets(Remembers, ([1.0, 2.0],), ([3.0, 5.0],), ["tree_"])


def test_with_a_reference_a_wrong_fresh_fit_on_the_second_data_earns_nothing():
    class RightOnlyOnShortData(_Mean):
        def fit(self, X):
            super().fit(X)
            if len(X) > 2:
                self.mean_ = 0.0  # consistent with itself, wrong
            return self

    with pytest.raises(CheckFailed, match="needs a correct fit first: a fresh model fitted on the second data"):
        assert_refit_forgets(RightOnlyOnShortData, ([1.0, 2.0],), ([3.0, 5.0, 10.0],), ["mean_"], reference=_Mean)
