from graders import Kata, hookimpl

kata = Kata(
    id="serialization",
    title="Saving and loading parameters: exact .npz round trips, no pickles",
    topic="engineering",
    difficulty=2,
    api=["save_params", "load_params"],
    builds_on=(),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
