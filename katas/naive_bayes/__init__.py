"""The naive_bayes kata: Gaussian naive Bayes in log space, with scikit-learn's variance smoothing."""
from graders import Kata, hookimpl

kata = Kata(
    id="naive_bayes",
    title="Gaussian naive Bayes in log space",
    topic="classical ML",
    difficulty=2,
    api=["GaussianNB"],
    builds_on=(),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
