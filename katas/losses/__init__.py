from graders import Kata, hookimpl

kata = Kata(
    id="losses",
    title="Loss functions: MSE, MAE, Huber, binary cross-entropy, hinge",
    topic="neural networks",
    difficulty=2,
    api=["mse", "mae", "huber", "binary_cross_entropy", "binary_cross_entropy_with_logits", "hinge"],
    builds_on=("activations",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
