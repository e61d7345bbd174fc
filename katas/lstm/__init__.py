"""Kata ``lstm``: one LSTM time step, forward and backward."""
from graders import Kata, hookimpl

kata = Kata(
    id="lstm",
    title="LSTM cell: forward and backward of one time step",
    topic="sequence models",
    difficulty=3,
    api=["lstm_step_forward", "lstm_step_backward"],
    builds_on=("backprop",),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
