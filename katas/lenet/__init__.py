"""Kata ``lenet``: a LeNet-5-style CNN for 8x8 digits, assembled from conv, pool and affine layers, and trained."""
from graders import Kata, hookimpl

kata = Kata(
    id="lenet",
    title="LeNet: a whole CNN for 8x8 digits, forward, backward and training",
    topic="convolutional networks",
    difficulty=4,
    api=["init_lenet", "lenet_forward", "lenet_backward", "lenet_loss", "train_lenet"],
    builds_on=("conv2d", "maxpool", "backprop"),
    package=__name__,
    max_examples=6,
    timeout=30.0,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
