"""lstm_sequence: an LSTM over a whole sequence, forward and backpropagation through time."""
from graders import Kata, hookimpl

kata = Kata(
    id="lstm_sequence",
    title="LSTM over a sequence: forward and backpropagation through time",
    topic="sequence models",
    difficulty=4,
    api=["lstm_forward", "lstm_backward"],
    builds_on=("lstm",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
