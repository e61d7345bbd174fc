from graders import Kata, hookimpl

kata = Kata(
    id="gradient_check",
    title="Gradient checking: central differences and the relative error",
    topic="neural networks",
    difficulty=2,
    api=["numerical_gradient", "relative_error", "check_gradient", "numerical_gradient_of", "check_gradient_of"],
    builds_on=(),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
