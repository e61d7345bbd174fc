"""conv2d: a convolution layer (cross-correlation with stride and zero padding), forward and backward."""
from graders import Kata, hookimpl

kata = Kata(
    id="conv2d",
    title="conv2d: convolution layer forward and backward (stride, padding)",
    topic="convolutional networks",
    difficulty=3,
    api=["conv2d_forward", "conv2d_backward"],
    builds_on=("backprop",),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
