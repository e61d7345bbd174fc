"""Kata ``attention``: scaled dot-product attention, its backward, and multi-head self-attention."""
from graders import Kata, hookimpl

kata = Kata(
    id="attention",
    title="Attention: scaled dot-product attention, its backward, multi-head self-attention",
    topic="transformers",
    difficulty=4,
    api=["attention_forward", "attention_backward", "multi_head_self_attention"],
    builds_on=("backprop",),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
