"""The lr_schedules kata: step, exponential, cosine annealing and linear warmup + cosine, vectorised over steps."""
from graders import Kata, hookimpl

kata = Kata(
    id="lr_schedules",
    title="Learning-rate schedules: step, exponential, cosine, warmup + cosine",
    topic="optimization",
    difficulty=1,
    api=["step_decay", "exponential_decay", "cosine_annealing", "warmup_cosine"],
    builds_on=("adam",),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
