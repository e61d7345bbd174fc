from graders import Kata, hookimpl

kata = Kata(
    id="regularization",
    title="Regularization: L1 and L2 penalties, L2 in Adam versus AdamW",
    topic="optimization",
    difficulty=3,
    api=["l1_penalty", "l2_penalty", "adam_l2_step", "adamw_step"],
    builds_on=("adam", "optimizers"),
    package=__name__,
    max_examples=12,
)


@hookimpl
def register_katas(register):
    register(kata)
