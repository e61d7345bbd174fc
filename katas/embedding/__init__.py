from graders import Kata, hookimpl

kata = Kata(
    id="embedding",
    title="Word embeddings: lookup forward, scatter-add backward",
    topic="sequence models",
    difficulty=1,
    api=["embedding_forward", "embedding_backward"],
    builds_on=("backprop",),
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
