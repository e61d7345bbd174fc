from graders import Kata, hookimpl

kata = Kata(
    id="dropout",
    title="Inverted dropout: forward and backward with a seeded mask",
    topic="neural networks",
    difficulty=2,
    api=["dropout_forward", "dropout_backward"],
    builds_on=("backprop",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
