"""The weight_init kata: Xavier/Glorot and He initialisation, uniform and normal, from an explicit rng."""
from graders import Kata, hookimpl

kata = Kata(
    id="weight_init",
    title="Weight initialisation: Xavier/Glorot and He, uniform and normal",
    topic="neural networks",
    difficulty=1,
    api=["fans", "xavier_uniform", "xavier_normal", "he_uniform", "he_normal"],
    builds_on=("backprop",),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
