"""Kata ``gpt_capstone``: a tiny decoder-only transformer assembled from the earlier katas, trained on a poem."""
from graders import Kata, hookimpl

kata = Kata(
    id="gpt_capstone",
    title="GPT capstone: a tiny decoder-only transformer, trained on characters, that writes",
    topic="transformers",
    difficulty=5,
    api=["init_gpt", "positional_encoding", "gpt_forward", "gpt_backward", "gpt_loss", "train_gpt", "generate"],
    builds_on=("embedding", "positional_encoding", "layernorm", "attention", "transformer_block", "adam",
               "kv_cache"),
    package=__name__,
    max_examples=6,
    timeout=30.0,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
