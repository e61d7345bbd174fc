"""Classification metrics: confusion matrix, precision/recall/F1 and their averages, ROC and AUC, log-loss."""
from graders import Kata, hookimpl

kata = Kata(
    id="metrics",
    title="Metrics: confusion matrix, precision/recall/F1, ROC and AUC, log-loss",
    topic="classical ML",
    difficulty=2,
    api=["confusion_matrix", "precision_recall_f1", "roc_curve", "roc_auc", "log_loss"],
    builds_on=("logistic_regression",),
    package=__name__,
    max_examples=15,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
