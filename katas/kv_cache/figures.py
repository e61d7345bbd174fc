"""Figures of the kv_cache kata for the HTML report: what each sampling rule does to one distribution."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot, yours_and_reference

LOGITS = np.log(np.array([0.30, 0.22, 0.15, 0.12, 0.08, 0.06, 0.04, 0.03]))
RULES = ({"temperature": 1.0}, {"temperature": 0.5}, {"temperature": 2.0}, {"top_k": 3}, {"top_p": 0.7})
GRID = (np.arange(500) + 0.5) / 500


def sampling_rules(sub, ref):
    """The frequency of each token when u runs over a fine grid of [0, 1): the distribution each rule samples from."""
    plt = pyplot()
    panels = yours_and_reference(sub, ref, lambda m: [attempt(lambda rule=rule: np.bincount(
        np.asarray(m.sample_logits(np.tile(LOGITS, (len(GRID), 1)), GRID, **rule)), minlength=len(LOGITS))
        / len(GRID)) for rule in RULES])
    fig, axes = plt.subplots(1, len(RULES), figsize=(3.2 * len(RULES), 3.2), sharey=True)
    width = 0.8 / len(panels)
    for ax, index in zip(axes, range(len(RULES))):
        for offset, (label, results) in enumerate(panels.items()):
            freq = results[index]
            if isinstance(freq, str):
                ax.text(0.02, 0.9 - 0.1 * offset, f"{label}: {freq}", fontsize=7, color="#c0392b",
                        transform=ax.transAxes, wrap=True)
                continue
            ax.bar(np.arange(len(freq)) + offset * width, freq, width=width, label=label)
        ax.set_title(", ".join(f"{k}={v:g}" for k, v in RULES[index].items()), fontsize=9)
        ax.set_xlabel("token")
    axes[0].set_ylabel("frequency")
    axes[0].legend(fontsize=8)
    fig.suptitle("sample_logits with u on a grid: probabilities [0.30, 0.22, 0.15, 0.12, 0.08, 0.06, 0.04, 0.03]")
    return fig


@hookimpl
def register_figures(register):
    register("kv_cache", "sampling rules", sampling_rules)
