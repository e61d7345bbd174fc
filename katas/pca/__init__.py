"""The pca kata: principal component analysis by SVD, with scikit-learn's sign convention."""
from graders import Kata, hookimpl

kata = Kata(
    id="pca",
    title="PCA: centring, SVD, explained variance, a fixed sign convention",
    topic="classical ML",
    difficulty=2,
    api=["PCA"],
    builds_on=(),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
