"""The svm kata: a linear soft-margin SVM, its hinge-loss subgradient and full-batch subgradient descent."""
from graders import Kata, hookimpl

kata = Kata(
    id="svm",
    title="Linear SVM: hinge loss, its subgradient, subgradient descent",
    topic="classical ML",
    difficulty=2,
    api=["hinge_loss", "LinearSVM"],
    builds_on=("perceptron",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
