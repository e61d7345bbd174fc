"""mlp_training: the capstone; train a ReLU MLP with your own backprop and SGD to a held-out accuracy."""
from graders import Kata, hookimpl

kata = Kata(
    id="mlp_training",
    title="Capstone: train an MLP on spirals to a held-out accuracy",
    topic="neural networks",
    difficulty=5,
    api=["init_mlp", "mlp_loss", "predict", "train_mlp"],
    builds_on=("backprop", "softmax"),
    package=__name__,
    timeout=30.0,  # one training run; the reference needs about a second
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
