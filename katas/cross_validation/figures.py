"""Figures of the cross_validation kata for the HTML report: which samples each test set holds, by class."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot

LABELS = np.array([0] * 12 + [1] * 5 + [2] * 3)[np.random.default_rng(4).permutation(20)]
K = 4


def test_sets(sub, ref):
    """One row per fold, one column per sample: test samples coloured by class; k-fold and stratified, shuffled."""
    plt = pyplot()
    rows = [("yours", sub)] + ([("reference", ref)] if ref is not None else [])
    fig, axes = plt.subplots(len(rows), 2, figsize=(11, 1.2 + 2.6 * len(rows)), squeeze=False)
    for (label, module), pair in zip(rows, axes):
        splits = {"k-fold, shuffled":
                  lambda m=module: m.kfold_indices(len(LABELS), K, shuffle=True, seed=0),
                  "stratified, shuffled":
                  lambda m=module: m.stratified_kfold_indices(LABELS, K, shuffle=True, seed=0)}
        for ax, (title, split) in zip(pair, splits.items()):
            folds = attempt(split)
            ax.set_title(f"{label}: {title}", fontsize=8, color="#c0392b" if isinstance(folds, str) else "black")
            if isinstance(folds, str):
                ax.text(0.5, 0.5, folds, ha="center", va="center", fontsize=7, wrap=True)
                ax.axis("off")
                continue
            image = np.full((len(folds), len(LABELS)), np.nan)
            for i, (_, test) in enumerate(folds):
                test = np.asarray(test, dtype=np.int64)
                image[i, test] = LABELS[test]
            ax.imshow(image, cmap="viridis", vmin=0, vmax=2, aspect="auto")
            ax.set_xlabel("sample (colour: class of a test sample; blank: train)")
            ax.set_ylabel("fold")
            ax.set_yticks(range(len(folds)))
    fig.suptitle("test sets of 20 samples in 3 classes (12, 5, 3), k = 4, seed 0: stratified folds share every class",
                 fontsize=9)
    fig.tight_layout()
    return fig


@hookimpl
def register_figures(register):
    register("cross_validation", "test sets", test_sets)
