"""The adam kata: one step of the Adam optimizer, with the optimizer state passed in and returned."""
from graders import Kata, hookimpl

kata = Kata(
    id="adam",
    title="Adam: one optimizer step with bias-corrected moments",
    topic="optimization",
    difficulty=2,
    api=["adam_step"],
    builds_on=(),
    package=__name__,
    max_examples=10,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
