from graders import Kata, hookimpl

kata = Kata(
    id="rnn",
    title="Vanilla RNN: step and sequence, forward and backpropagation through time",
    topic="sequence models",
    difficulty=3,
    api=["rnn_step_forward", "rnn_step_backward", "rnn_forward", "rnn_backward"],
    builds_on=("backprop",),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
