"""conv2d_fast: convolution as one matrix product through im2col / col2im, with no loop over output pixels."""
from graders import Kata, hookimpl

kata = Kata(
    id="conv2d_fast",
    title="Fast conv2d: im2col / col2im, no loop over output pixels",
    topic="convolutional networks",
    difficulty=4,
    api=["im2col", "col2im", "conv2d_forward", "conv2d_backward"],
    builds_on=("conv2d",),
    package=__name__,
    max_examples=15,
)


@hookimpl
def register_katas(register):
    register(kata)
