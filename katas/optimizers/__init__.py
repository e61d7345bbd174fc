from graders import Kata, hookimpl

kata = Kata(
    id="optimizers",
    title="Optimizers: SGD, momentum, Nesterov, AdaGrad, RMSprop",
    topic="optimization",
    difficulty=2,
    api=["sgd_step", "momentum_step", "nesterov_step", "adagrad_step", "rmsprop_step"],
    builds_on=("gradient_check",),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
