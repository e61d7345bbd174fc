from graders import Kata, hookimpl

kata = Kata(
    id="activations",
    title="Activation functions and their derivatives",
    topic="neural networks",
    difficulty=1,
    api=[
        "sigmoid", "sigmoid_grad",
        "tanh", "tanh_grad",
        "relu", "relu_grad",
        "leaky_relu", "leaky_relu_grad",
        "elu", "elu_grad",
        "swish", "swish_grad",
        "gelu", "gelu_grad",
    ],
    builds_on=(),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
