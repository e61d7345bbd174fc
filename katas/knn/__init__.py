"""k-nearest neighbours: vectorised distances, neighbour search, majority vote."""
from graders import Kata, hookimpl

kata = Kata(
    id="knn",
    title="k-nearest neighbours: vectorised distances and voting",
    topic="classical ML",
    difficulty=2,
    api=["pairwise_distances", "KNeighborsClassifier"],
    builds_on=(),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
