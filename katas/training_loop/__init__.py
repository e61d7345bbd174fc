"""A training loop: shuffled minibatches, gradient clipping by global norm, early stopping, on a given model."""
from graders import Kata, hookimpl

kata = Kata(
    id="training_loop",
    title="A training loop: minibatches, gradient clipping, early stopping",
    topic="neural networks",
    difficulty=2,
    api=["minibatches", "clip_by_global_norm", "early_stopping_update", "train"],
    builds_on=("mlp_training", "softmax"),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
