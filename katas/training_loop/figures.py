"""Figures of the training_loop kata for the HTML report: learning curves with the best epoch, yours and the
reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, curves


def learning_curves(sub, ref):
    """Training and validation loss per epoch on noisy seeded blobs; the vertical line is the best epoch."""
    rng = np.random.default_rng(7)
    centres = np.array([[1.0, 0.0], [-1.0, 0.5], [0.0, -1.0]])
    y, y_val = rng.integers(0, 3, size=60), rng.integers(0, 3, size=30)
    X, X_val = centres[y] + 0.9 * rng.standard_normal((60, 2)), centres[y_val] + 0.9 * rng.standard_normal((30, 2))
    X = np.c_[X, rng.standard_normal((60, 6))]                     # noise features: room to overfit
    X_val = np.c_[X_val, rng.standard_normal((30, 6))]
    params = {"W": np.zeros((8, 3)), "b": np.zeros(3)}
    panels = {}
    for label, module in (("yours", sub), ("reference", ref)):
        if module is None:
            continue
        run = attempt(lambda m=module: m.train(params, X, y, X_val, y_val, learning_rate=0.5, batch_size=7,
                                               n_epochs=60, patience=8, max_norm=1.0, seed=0))
        if isinstance(run, str):
            panels[f"{label}: {run}"] = {}
            continue
        history = run[1]
        epochs = np.arange(len(history["val_loss"]))
        best = int(history["best_epoch"])
        top = max(max(history["train_loss"]), max(history["val_loss"]))
        panels[f"{label}: stopped after {len(epochs)} epochs, best {best}"] = {
            "train loss (whole set)": (epochs, np.asarray(history["train_loss"])),
            "validation loss": (epochs, np.asarray(history["val_loss"])),
            "best epoch": (np.array([best, best]), np.array([0.0, top])),
        }
    return curves(panels, "learning curves with early stopping (patience 8, clipping at norm 1)")


@hookimpl
def register_figures(register):
    register("training_loop", "learning curves", learning_curves)
