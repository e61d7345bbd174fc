"""transformer_block: a pre-norm causal transformer block, forward only."""
from graders import Kata, hookimpl

kata = Kata(
    id="transformer_block",
    title="Transformer block: pre-norm, causal multi-head attention and an MLP",
    topic="transformers",
    difficulty=4,
    api=["layer_norm", "causal_mask", "multi_head_self_attention", "gelu", "feed_forward", "transformer_block"],
    builds_on=("attention", "activations"),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
