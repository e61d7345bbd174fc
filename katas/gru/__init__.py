from graders import Kata, hookimpl

kata = Kata(
    id="gru",
    title="GRU cell: forward and backward (PyTorch's formulation)",
    topic="sequence models",
    difficulty=4,
    api=["gru_step_forward", "gru_step_backward"],
    builds_on=("rnn", "lstm"),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
