from graders import Kata, hookimpl

kata = Kata(
    id="softmax",
    title="Softmax, log-softmax and cross-entropy",
    topic="neural networks",
    difficulty=2,
    api=["softmax", "log_softmax", "cross_entropy"],
    builds_on=("activations",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
