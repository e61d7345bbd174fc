"""The kmeans kata: k-means++ initialisation from an explicit rng, then Lloyd's algorithm."""
from graders import Kata, hookimpl

kata = Kata(
    id="kmeans",
    title="k-means: k-means++ initialisation and Lloyd's algorithm",
    topic="classical ML",
    difficulty=2,
    api=["kmeans_plusplus", "assign_labels", "update_centroids", "inertia", "KMeans"],
    builds_on=(),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
