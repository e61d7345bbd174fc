"""Decision tree: impurity, information gain, the best split, a classifier."""
from graders import Kata, hookimpl

kata = Kata(
    id="decision_tree",
    title="Decision tree: entropy, Gini, best split, a classifier",
    topic="classical ML",
    difficulty=3,
    api=["entropy", "gini", "information_gain", "best_split", "DecisionTreeClassifier"],
    builds_on=(),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
