from graders import Kata, hookimpl

kata = Kata(
    id="layernorm",
    title="Layer normalization: forward and backward over the feature axis",
    topic="neural networks",
    difficulty=3,
    api=["layernorm_forward", "layernorm_backward"],
    builds_on=("batchnorm",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
