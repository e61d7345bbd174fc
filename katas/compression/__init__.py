"""Model compression: int8 affine quantization per tensor and per channel, magnitude pruning, the distillation loss."""
from graders import Kata, hookimpl

kata = Kata(
    id="compression",
    title="Compression: int8 quantization, magnitude pruning, distillation",
    topic="neural networks",
    difficulty=3,
    api=["quantize", "dequantize", "magnitude_prune", "distillation_loss"],
    builds_on=("softmax", "losses"),
    package=__name__,
    max_examples=15,
)


@hookimpl
def register_katas(register):
    register(kata)
from .figures import register_figures  # noqa: E402,F401 - figures of the HTML report
