"""Figures of the transfer_learning kata for the HTML report: training curves of the head, then of fine-tuning."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot, yours_and_reference

from .public import task


def curves(sub, ref):
    """The loss of train_head (100 epochs), then of fine_tune from that head (100 more), on the shipped task."""
    plt = pyplot()
    base, data = task()

    def run(module):
        head, head_losses = module.train_head(data["X_train"], data["y_train"], base, 5)
        _, _, tuned_losses = module.fine_tune(data["X_train"], data["y_train"], base, head)
        return np.asarray(head_losses, float), np.asarray(tuned_losses, float)

    runs = yours_and_reference(sub, ref, lambda m: attempt(lambda: run(m)))
    fig, ax = plt.subplots(figsize=(7, 4))
    for label, result in runs.items():
        if isinstance(result, str):
            ax.text(0.02, 0.9, f"{label}: {result}", transform=ax.transAxes, fontsize=8, color="#c0392b")
            continue
        head_losses, tuned_losses = result
        line, = ax.plot(np.arange(len(head_losses)), head_losses, label=f"{label}: head only (base frozen)")
        ax.plot(len(head_losses) + np.arange(len(tuned_losses)), tuned_losses, linestyle="--", color=line.get_color(),
                label=f"{label}: fine-tuning (W1, b1 frozen)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss")
    ax.legend(fontsize=8)
    ax.set_title("digits 5-9 on a base pretrained on digits 0-4")
    return fig


@hookimpl
def register_figures(register):
    register("transfer_learning", "training curves", curves)
