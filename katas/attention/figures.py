"""Figures of the attention kata for the HTML report: attention weight maps, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot

T, D = 6, 4


def weight_maps(sub, ref):
    """The weights (Tq, Tk) of one attention call, without a mask and with a causal mask.

    The weights are read from the output: with the identity matrix as values, ``weights @ v`` is the weights."""
    plt = pyplot()
    rng = np.random.default_rng(7)
    q, k = rng.standard_normal((T, D)) * 1.5, rng.standard_normal((T, D)) * 1.5
    causal = np.tril(np.ones((T, T), dtype=bool))
    modules = {"yours": sub, **({"reference": ref} if ref is not None else {})}
    fig, axes = plt.subplots(len(modules), 2, figsize=(8, 3.8 * len(modules)), squeeze=False)
    for row, (label, module) in enumerate(modules.items()):
        for col, (mask, title) in enumerate(((None, "no mask"), (causal, "causal mask"))):
            ax = axes[row][col]
            weights = attempt(lambda m=module, mask=mask: np.asarray(m.attention_forward(q, k, np.eye(T), mask)[0]))
            if isinstance(weights, str):
                ax.set_title(f"{label}, {title}:\n{weights}", fontsize=8, color="#c0392b")
                ax.axis("off")
                continue
            image = ax.imshow(weights, vmin=0, vmax=1, cmap="magma")
            ax.set_title(f"{label}, {title}")
            ax.set_xlabel("key")
            ax.set_ylabel("query")
            fig.colorbar(image, ax=ax, shrink=0.8)
    fig.suptitle("attention weights (each row sums to 1; masked entries are 0)")
    return fig


@hookimpl
def register_figures(register):
    register("attention", "attention weights", weight_maps)
