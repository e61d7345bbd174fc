"""Kata ``bpe_tokenizer``: byte-level byte-pair encoding: learn merges, encode, decode, round trip on any text."""
from graders import Kata, hookimpl

kata = Kata(
    id="bpe_tokenizer",
    title="BPE tokenizer: learn byte-pair merges, encode and decode any text",
    topic="transformers",
    difficulty=2,
    api=["train_bpe", "encode", "decode"],
    builds_on=(),
    package=__name__,
    max_examples=15,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
