"""Figures of the bpe_tokenizer kata for the HTML report: how the learned merges cut a sentence into tokens."""
from graders import hookimpl
from graders.figures import attempt, pyplot, yours_and_reference

CORPUS = ("the cat sat on the mat. the cat ate the rat. a rat sat on a hat. "
          "then the cat and the rat sat on the mat at the hat shop. ") * 2
SENTENCE = "the rat and the cat sat on that mat"
COLOURS = ("#fde0c5", "#c9e4f6", "#d5f0c8", "#f3d1f4", "#fff3b0")


def segmentation(sub, ref):
    """Each token of SENTENCE as a box, with 40 merges learned from a small corpus: yours and the reference's."""
    plt = pyplot()

    def pieces(module):
        merges = module.train_bpe(CORPUS, 40)
        return [module.decode([i], merges) for i in module.encode(SENTENCE, merges)]

    rows = yours_and_reference(sub, ref, lambda m: attempt(lambda: pieces(m)))
    fig, ax = plt.subplots(figsize=(11, 1.1 + 0.9 * len(rows)))
    ax.axis("off")
    for row, (label, tokens) in enumerate(rows.items()):
        y = 1 - (row + 0.5) / len(rows)
        if isinstance(tokens, str):
            ax.text(0.0, y, f"{label}: {tokens}", color="#c0392b", fontsize=9, va="center")
            continue
        ax.text(0.0, y, f"{label} ({len(tokens)} tokens)", fontsize=9, va="center", ha="left")
        x = 0.2
        for j, token in enumerate(tokens):
            shown = token.replace(" ", "\u2423")
            ax.text(x, y, shown, family="monospace", fontsize=10, va="center",
                    bbox={"facecolor": COLOURS[j % len(COLOURS)], "edgecolor": "#888888", "pad": 2})
            x += 0.011 * len(shown) + 0.012
    fig.suptitle(f"'{SENTENCE}' after 40 merges learned on a short corpus (\u2423 = space)")
    return fig


@hookimpl
def register_figures(register):
    register("bpe_tokenizer", "segmentation", segmentation)
