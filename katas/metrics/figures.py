"""Figures of the metrics kata for the HTML report: ROC curves of a good and a weak scorer, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, curves


def roc_curves(sub, ref):
    """ROC curves of two seeded scorers with rounded (tied) scores: tied groups are diagonal steps."""
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, size=60)
    scorers = {"good scorer": np.round(y + rng.normal(0, 0.6, size=60), 1),
               "weak scorer": np.round(0.3 * y + rng.normal(0, 0.6, size=60), 1)}
    panels = {}
    for title, s in scorers.items():
        lines = {}
        for label, module in (("yours", sub), ("reference", ref)):
            if module is None:
                continue
            curve = attempt(lambda m=module: m.roc_curve(y, s))
            if isinstance(curve, str):
                lines[f"{label}: {curve}"] = (np.zeros(1), np.zeros(1))
                continue
            auc = attempt(lambda m=module: float(m.roc_auc(y, s)))
            lines[f"{label} (AUC {auc:.3f})" if isinstance(auc, float) else f"{label} (AUC: {auc})"] = \
                (np.asarray(curve[0]), np.asarray(curve[1]))
        lines["chance"] = (np.array([0.0, 1.0]), np.array([0.0, 1.0]))
        panels[title] = lines
    return curves(panels, "ROC curves (x: false positive rate, y: true positive rate)")


@hookimpl
def register_figures(register):
    register("metrics", "ROC curves", roc_curves)
