"""Figures of the activations kata for the HTML report: every function and its derivative, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, pyplot

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "gelu")
Z = np.linspace(-4.0, 4.0, 161)


def functions_and_derivatives(sub, ref):
    """One panel per activation on z in [-4, 4]: the function (solid) and its derivative (dashed)."""
    plt = pyplot()
    fig, axes = plt.subplots(2, 4, figsize=(15, 6.5))
    modules = {"yours": sub, **({"reference": ref} if ref is not None else {})}
    for ax, name in zip(axes.ravel(), NAMES):
        problems = []
        for (label, module), colour in zip(modules.items(), ("#2c7fb8", "#aaaaaa")):
            for suffix, style in (("", "-"), ("_grad", "--")):
                values = attempt(lambda m=module, f=name + suffix: np.asarray(getattr(m, f)(Z), dtype=np.float64))
                if isinstance(values, str):
                    problems.append(f"{label} {name}{suffix}: {values}")
                    continue
                ax.plot(Z, values, style, color=colour, linewidth=2.2 if label == "yours" else 1.2,
                        label=f"{label} {name}{suffix}", zorder=3 if label == "yours" else 2)
        ax.set_title(name if not problems else f"{name}\n{problems[0][:60]}", fontsize=9,
                     color="black" if not problems else "#c0392b")
        ax.axhline(0, color="black", linewidth=0.5)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6)
    axes.ravel()[-1].axis("off")
    fig.suptitle("activations (solid) and their derivatives (dashed)")
    fig.subplots_adjust(hspace=0.35, wspace=0.25)
    return fig


@hookimpl
def register_figures(register):
    register("activations", "functions and derivatives", functions_and_derivatives)
