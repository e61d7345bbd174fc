"""The perceptron kata: Rosenblatt's perceptron, trained with the mistake-driven update rule."""
from graders import Kata, hookimpl

kata = Kata(
    id="perceptron",
    title="Perceptron: the mistake-driven linear classifier",
    topic="classical ML",
    difficulty=1,
    api=["Perceptron"],
    builds_on=(),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
