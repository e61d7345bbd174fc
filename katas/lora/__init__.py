"""Kata ``lora``: a low-rank adapter (LoRA) on a frozen linear layer: init, forward, backward, merging."""
from graders import Kata, hookimpl

kata = Kata(
    id="lora",
    title="LoRA: a low-rank adapter on a frozen linear layer",
    topic="transformers",
    difficulty=2,
    api=["lora_init", "lora_forward", "lora_backward", "lora_merge"],
    builds_on=("backprop",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
