"""The batchnorm kata: batch normalization, forward in train and test mode, and the backward pass."""
from graders import Kata, hookimpl

kata = Kata(
    id="batchnorm",
    title="Batch normalization: forward, running statistics, backward",
    topic="neural networks",
    difficulty=3,
    api=["batchnorm_forward", "batchnorm_backward"],
    builds_on=(),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
