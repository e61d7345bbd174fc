"""The positional_encoding kata: the sinusoidal position encoding of the Transformer, interleaved sin/cos."""
from graders import Kata, hookimpl

kata = Kata(
    id="positional_encoding",
    title="Sinusoidal positional encoding (interleaved sin/cos)",
    topic="transformers",
    difficulty=1,
    api=["sinusoidal_encoding", "encode_positions", "add_positional_encoding"],
    builds_on=(),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
