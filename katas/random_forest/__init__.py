"""Random forest: bootstrap, per-split feature subsampling, majority vote."""
from graders import Kata, hookimpl

kata = Kata(
    id="random_forest",
    title="Random forest: bootstrap, feature subsampling, majority vote",
    topic="classical ML",
    difficulty=4,
    api=["majority_vote", "RandomForestClassifier"],
    builds_on=("decision_tree",),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
