"""Kata ``kv_cache``: incremental causal self-attention with a key/value cache, and sampling from logits."""
from graders import Kata, hookimpl

kata = Kata(
    id="kv_cache",
    title="KV cache: incremental causal self-attention, and greedy, temperature, top-k and top-p sampling",
    topic="transformers",
    difficulty=3,
    api=["empty_cache", "attention_step", "sample_logits", "generate"],
    builds_on=("attention", "softmax"),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
