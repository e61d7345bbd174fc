"""Kata ``rope``: rotary position embeddings (RoPE) for queries and keys, forward and backward."""
from graders import Kata, hookimpl

kata = Kata(
    id="rope",
    title="RoPE: rotary position embeddings, forward and backward",
    topic="transformers",
    difficulty=3,
    api=["rope_frequencies", "rope_forward", "rope_backward"],
    builds_on=("positional_encoding", "attention"),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
