"""Figures of the lenet kata for the HTML report: the learning curve and the first filters of the trained network."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot, yours_and_reference

from .public import TRAINING_SEED, digits


def training(sub, ref):
    """Loss per epoch and the six 3x3 filters of the first convolution after train_lenet, yours and the reference's."""
    plt = pyplot()
    data = digits()
    runs = yours_and_reference(sub, ref, lambda m: attempt(
        lambda: m.train_lenet(data["X_train"], data["y_train"], TRAINING_SEED)))
    fig, axes = plt.subplots(len(runs), 7, figsize=(14, 2.4 * len(runs)), squeeze=False,
                             gridspec_kw={"width_ratios": [3, 1, 1, 1, 1, 1, 1]})
    for row, (label, run) in zip(axes, runs.items()):
        if isinstance(run, str):
            row[0].set_title(f"{label}:\n{run}", fontsize=8, color="#c0392b")
            for ax in row:
                ax.axis("off")
            continue
        params, losses = run
        row[0].plot(np.arange(1, len(losses) + 1), np.asarray(losses, dtype=float), marker="o")
        row[0].set_title(f"{label}: mean loss per epoch", fontsize=9)
        row[0].set_xlabel("epoch")
        filters = np.asarray(params["W1"])
        for f, ax in enumerate(row[1:]):
            ax.imshow(filters[f, 0], cmap="gray")
            ax.set_title(f"W1[{f}]", fontsize=8)
            ax.axis("off")
    fig.suptitle("train_lenet on the 600 shipped digits")
    return fig


@hookimpl
def register_figures(register):
    register("lenet", "training", training)
