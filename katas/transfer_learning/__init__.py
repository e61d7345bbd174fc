"""Kata ``transfer_learning``: a frozen pretrained feature extractor, a new head, then fine-tuning."""
from graders import Kata, hookimpl

kata = Kata(
    id="transfer_learning",
    title="Transfer learning: a frozen pretrained base, a new head, then fine-tuning",
    topic="neural networks",
    difficulty=3,
    api=["extract_features", "model_loss", "train_head", "fine_tune"],
    builds_on=("backprop", "mlp_training"),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
