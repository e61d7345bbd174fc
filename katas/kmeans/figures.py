"""Figures of the kmeans kata for the HTML report: the clusters found, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot


def three_blobs(seed: int = 6, n: int = 150):
    rng = np.random.default_rng(seed)
    centres = np.array([[-3.0, 0.0], [2.5, 2.0], [1.5, -2.5]])
    labels = rng.integers(0, 3, n)
    return centres[labels] + rng.standard_normal((n, 2)) * 0.9


def clusters(sub, ref):
    """KMeans(n_clusters=3, seed=0) on three seeded blobs: points coloured by labels_, centres as crosses."""
    plt = pyplot()
    X = three_blobs()
    modules = {"yours": sub, **({"reference": ref} if ref is not None else {})}
    fig, axes = plt.subplots(1, len(modules), figsize=(4.8 * len(modules), 4.2), squeeze=False)
    for ax, (label, module) in zip(axes[0], modules.items()):
        def fit(m=module):
            model = m.KMeans(n_clusters=3, max_iter=50, seed=0).fit(X)
            return np.asarray(model.labels_), np.asarray(model.cluster_centers_), float(model.inertia_)
        found = attempt(fit)
        if isinstance(found, str):
            ax.scatter(X[:, 0], X[:, 1], c="lightgrey", s=12)
            ax.set_title(f"{label}:\n{found}", fontsize=8, color="#c0392b")
            continue
        labels, centres, inertia = found
        ax.scatter(X[:, 0], X[:, 1], c=labels, cmap="tab10", s=12)
        ax.scatter(centres[:, 0], centres[:, 1], marker="X", s=160, c="black")
        ax.set_title(f"{label}: inertia {inertia:.1f}")
    fig.suptitle("k-means with k = 3 on three blobs")
    return fig


@hookimpl
def register_figures(register):
    register("kmeans", "clusters", clusters)
