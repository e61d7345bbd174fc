"""Figures of the lr_schedules kata for the HTML report: each schedule over 100 steps, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, curves

STEPS = np.arange(100)
SCHEDULES = {
    "step_decay(drop=0.5, step_size=20)": lambda m, t: m.step_decay(t, 0.1, drop=0.5, step_size=20),
    "exponential_decay(gamma=0.97)": lambda m, t: m.exponential_decay(t, 0.1, 0.97),
    "cosine_annealing(T=80, lr_min=0.01)": lambda m, t: m.cosine_annealing(t, 0.1, 80, lr_min=0.01),
    "warmup_cosine(W=10, T=80)": lambda m, t: m.warmup_cosine(t, 0.1, 10, 80),
}


def schedule_curves(sub, ref):
    """The learning rate at every step t = 0..99, starting from lr0 = 0.1."""
    panels = {}
    for title, schedule in SCHEDULES.items():
        lines = {}
        for label, module in (("yours", sub), ("reference", ref)):
            if module is not None:
                values = attempt(lambda: np.asarray(schedule(module, STEPS), dtype=np.float64))
                lines[label if not isinstance(values, str) else f"{label}: {values}"] = (
                    (STEPS, values) if not isinstance(values, str) else ([], []))
        panels[title] = lines
    return curves(panels, "learning-rate schedules (lr0 = 0.1)")


@hookimpl
def register_figures(register):
    register("lr_schedules", "schedule curves", schedule_curves)
