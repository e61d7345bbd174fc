"""Backprop: affine and ReLU layers, the softmax loss, and an MLP built from them."""
from graders import Kata, hookimpl

kata = Kata(
    id="backprop",
    title="Backprop: affine, ReLU, softmax loss, an MLP",
    topic="neural networks",
    difficulty=2,
    api=["affine_forward", "affine_backward", "relu_forward", "relu_backward", "softmax_loss", "mlp_loss"],
    builds_on=(),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
