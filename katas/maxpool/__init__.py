from graders import Kata, hookimpl

kata = Kata(
    id="maxpool",
    title="Max pooling: forward and backward",
    topic="convolutional networks",
    difficulty=2,
    api=["maxpool_forward", "maxpool_backward"],
    builds_on=("backprop",),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
