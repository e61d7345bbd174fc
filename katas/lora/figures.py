"""Figures of the lora kata for the HTML report: the update a merged adapter adds to W, and its rank."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot, yours_and_reference

D_IN, D_OUT, RANK, ALPHA = 12, 10, 2, 4.0


def merged_update(sub, ref):
    """W_merged - W for one adapter of rank 2, and its singular values: only r = 2 of them are not zero."""
    plt = pyplot()
    rng = np.random.default_rng(5)
    W, A, B = rng.standard_normal((D_IN, D_OUT)), rng.standard_normal((D_IN, RANK)), rng.standard_normal((RANK, D_OUT))
    updates = yours_and_reference(sub, ref, lambda m: attempt(lambda: np.asarray(m.lora_merge(W, A, B, ALPHA)) - W))
    fig, axes = plt.subplots(len(updates), 2, figsize=(9, 3.6 * len(updates)), squeeze=False)
    for (left, right), (label, update) in zip(axes, updates.items()):
        if isinstance(update, str):
            left.set_title(f"{label}:\n{update}", fontsize=8, color="#c0392b")
            left.axis("off")
            right.axis("off")
            continue
        image = left.imshow(update, cmap="coolwarm")
        left.set_title(f"{label}: W_merged - W")
        left.set_xlabel("output feature")
        left.set_ylabel("input feature")
        fig.colorbar(image, ax=left, shrink=0.8)
        right.bar(np.arange(min(update.shape)), np.linalg.svd(update, compute_uv=False))
        right.set_title(f"{label}: singular values (rank {RANK} expected)")
        right.set_xlabel("index")
    fig.suptitle(f"the update (alpha / r) A @ B with r = {RANK}, alpha = {ALPHA:g}")
    return fig


@hookimpl
def register_figures(register):
    register("lora", "merged update", merged_update)
