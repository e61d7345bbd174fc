"""Figures of the mlp_training kata for the HTML report: training curves and the decision regions reached."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, curves

EPOCHS = (0, 1, 2, 4, 8, 16, 32, 64)


def spirals(seed: int, n_per_class: int = 80, k: int = 3, noise: float = 0.15):
    """k interleaved spiral arms in 2-D, shuffled: X (N, 2), y (N,)."""
    rng = np.random.default_rng(seed)
    r = rng.uniform(0.05, 1.0, (k, n_per_class))
    t = np.arange(k)[:, None] * 2 * np.pi / k + 1.75 * np.pi * r + rng.normal(0.0, noise, r.shape)
    X = np.column_stack([(r * np.sin(t)).ravel(), (r * np.cos(t)).ravel()])
    y = np.repeat(np.arange(k), n_per_class)
    order = rng.permutation(len(y))
    return X[order], y[order]


def training_curves(sub, ref):
    """Training loss and held-out accuracy after 0..64 epochs of train_mlp on spirals (hidden [32], lr 0.5)."""
    X, y = spirals(seed=8)
    X_test, y_test = spirals(seed=9)
    panels = {"training loss": {}, "held-out accuracy": {}}
    for label, module in (("yours", sub), ("reference", ref)):
        if module is None:
            continue

        def curve(m=module):
            losses, accuracies = [], []
            for epochs in EPOCHS:
                params = m.train_mlp(X, y, [32], n_epochs=epochs, learning_rate=0.5, batch_size=32, seed=0)
                losses.append(float(m.mlp_loss(params, X, y)[0]))
                accuracies.append(float(np.mean(np.asarray(m.predict(params, X_test)) == y_test)))
            return np.array(losses), np.array(accuracies)

        found = attempt(curve)
        if isinstance(found, str):
            panels["training loss"][f"{label}: {found[:50]}"] = ([], [])
            continue
        panels["training loss"][label] = (np.array(EPOCHS), found[0])
        panels["held-out accuracy"][label] = (np.array(EPOCHS), found[1])
    figure = curves(panels, "capstone: training an MLP on three spirals")
    for ax in figure.axes:
        ax.set_xscale("symlog", linthresh=1)
        ax.set_xlabel("epochs")
    return figure


@hookimpl
def register_figures(register):
    register("mlp_training", "training curves", training_curves)
