"""Figures of the gpt_capstone kata for the HTML report: the training curve and a sample of generated text."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot, yours_and_reference

from .public import corpus


def training_and_sample(sub, ref):
    """Loss per step of train_gpt on the poem, and 80 characters generated from 'twinkle, ' at temperature 0.8."""
    plt = pyplot()
    text, vocab, config = corpus()

    def run(module):
        params, losses = module.train_gpt(text, config, 0)
        return np.asarray(losses, float), module.generate(params, config, vocab, "twinkle, ", 80, 0, 0.8)

    runs = yours_and_reference(sub, ref, lambda m: attempt(lambda: run(m)))
    fig, (curve, sample) = plt.subplots(2, 1, figsize=(9, 6), gridspec_kw={"height_ratios": [3, 2]})
    for row, (label, result) in enumerate(runs.items()):
        if isinstance(result, str):
            sample.text(0.0, 0.9 - 0.5 * row, f"{label}: {result}", fontsize=8, color="#c0392b", va="top")
            continue
        losses, generated = result
        curve.plot(losses, label=label)
        sample.text(0.0, 0.9 - 0.5 * row, f"{label}:\n{generated}", family="monospace", fontsize=8, va="top")
    curve.axhline(np.log(len(vocab)), color="grey", linestyle=":", label="log V (uniform guess)")
    curve.set_xlabel("step")
    curve.set_ylabel("training loss")
    curve.legend(fontsize=8)
    sample.axis("off")
    fig.suptitle("train_gpt on the poem, then generate('twinkle, ', temperature 0.8)")
    return fig


@hookimpl
def register_figures(register):
    register("gpt_capstone", "training and a sample", training_and_sample)
