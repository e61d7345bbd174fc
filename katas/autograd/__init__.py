"""autograd: a micrograd-style scalar Value with reverse-mode differentiation."""
from graders import Kata, hookimpl

kata = Kata(
    id="autograd",
    title="Autograd: a scalar Value with reverse-mode backward()",
    topic="neural networks",
    difficulty=3,
    api=["Value"],
    builds_on=("backprop",),
    package=__name__,
    max_examples=15,
)


@hookimpl
def register_katas(register):
    register(kata)
