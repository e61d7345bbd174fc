"""State that lives longer than one call: an estimator fitted twice must forget the first fit."""
from __future__ import annotations

import pytest

from graders.runner import GradeOptions, Runner
from tests.conftest import ROOT

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
    source = (ROOT / "reference" / f"{kata_id}.py").read_text()
    for old, new in edits:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    (tmp_path / f"{kata_id}.py").write_text(source)
    checks = {c.check: c for c in Runner(QUICK).grade([registry.katas[kata_id]], tmp_path).katas[0].checks}
    refit = checks["refitting_forgets_the_earlier_fit"]
    assert refit.status == "failed" and culprit in refit.message and "fitting the same" in refit.message
    reference = Runner(QUICK).grade([registry.katas[kata_id]], ROOT / "reference").katas[0]
    assert reference.score == 1.0
