"""Gradient-boosted regression trees: the squared-error best split, depth-limited trees, shrinkage, staged
predictions."""
from graders import Kata, hookimpl

kata = Kata(
    id="gradient_boosting",
    title="Gradient boosting: regression trees fitted to residuals",
    topic="classical ML",
    difficulty=3,
    api=["best_regression_split", "predict_tree", "RegressionTree", "GradientBoostingRegressor"],
    builds_on=("decision_tree",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
