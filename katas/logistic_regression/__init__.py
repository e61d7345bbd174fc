"""Logistic regression: a stable sigmoid, binary cross-entropy, gradient descent."""
from graders import Kata, hookimpl

kata = Kata(
    id="logistic_regression",
    title="Logistic regression: stable sigmoid, cross-entropy, gradient descent",
    topic="classical ML",
    difficulty=2,
    api=["sigmoid", "bce_loss_and_grad", "LogisticRegression"],
    builds_on=("linear_regression",),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
