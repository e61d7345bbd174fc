"""Cross-validation: k-fold and stratified splits with a specified shuffle, cross-validated scores, grid search."""
from graders import Kata, hookimpl

kata = Kata(
    id="cross_validation",
    title="Cross-validation: k-fold, stratified k-fold, scores, grid search",
    topic="classical ML",
    difficulty=2,
    api=["kfold_indices", "stratified_kfold_indices", "cross_val_score", "grid_search"],
    builds_on=("metrics", "linear_regression"),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
