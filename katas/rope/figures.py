"""Figures of the rope kata for the HTML report: the score of a fixed query and key at every pair of positions."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot, yours_and_reference

POSITIONS = np.arange(24)


def score_maps(sub, ref):
    """scores[m, n] = rope(q, m) . rope(k, n): constant along every diagonal m - n = const when RoPE is right."""
    plt = pyplot()
    rng = np.random.default_rng(3)
    q, k = rng.standard_normal(8), rng.standard_normal(8)
    queries, keys = np.tile(q, (len(POSITIONS), 1)), np.tile(k, (len(POSITIONS), 1))
    modules = yours_and_reference(sub, ref, lambda module: module)
    fig, axes = plt.subplots(1, len(modules), figsize=(4.6 * len(modules), 4), squeeze=False)
    for ax, (label, module) in zip(axes[0], modules.items()):
        scores = attempt(lambda m=module: np.asarray(m.rope_forward(queries, POSITIONS, 10.0)[0])
                         @ np.asarray(m.rope_forward(keys, POSITIONS, 10.0)[0]).T)
        if isinstance(scores, str):
            ax.set_title(f"{label}:\n{scores}", fontsize=8, color="#c0392b")
            ax.axis("off")
            continue
        image = ax.imshow(scores, cmap="coolwarm")
        ax.set_title(label)
        ax.set_xlabel("key position n")
        ax.set_ylabel("query position m")
        fig.colorbar(image, ax=ax, shrink=0.8)
    fig.suptitle("rope(q, m) . rope(k, n) for one q and one k (base 10): constant along each diagonal")
    return fig


@hookimpl
def register_figures(register):
    register("rope", "scores by position", score_maps)
