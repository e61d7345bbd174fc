"""A residual block (affine, batch or layer norm, ReLU, affine, plus an identity or projection shortcut), forward and
backward."""
from graders import Kata, hookimpl

kata = Kata(
    id="residual_block",
    title="Residual block: affine, norm, ReLU, affine, plus a shortcut",
    topic="neural networks",
    difficulty=3,
    api=["residual_block_forward", "residual_block_backward"],
    builds_on=("backprop", "batchnorm", "layernorm"),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
