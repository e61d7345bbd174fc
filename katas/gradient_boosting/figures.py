"""Figures of the gradient_boosting kata for the HTML report: a 1-D fit after 1, 5 and 50 trees, and the training and
held-out error per stage, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, curves

RNG = np.random.default_rng(11)
X_TRAIN = np.sort(RNG.uniform(-3, 3, size=60))[:, None]
Y_TRAIN = np.sin(X_TRAIN[:, 0]) + 0.3 * RNG.standard_normal(60)
X_TEST = RNG.uniform(-3, 3, size=200)[:, None]
Y_TEST = np.sin(X_TEST[:, 0]) + 0.3 * RNG.standard_normal(200)
GRID = np.linspace(-3, 3, 300)[:, None]


def boosting_stages(sub, ref):
    """Predictions on a grid after 1, 5 and 50 trees of depth 2 (learning rate 0.3), and the MSE per stage."""
    fit_panel = {"data": (X_TRAIN[:, 0], Y_TRAIN)}
    error_panel = {}
    for label, module in (("yours", sub), ("reference", ref)):
        if module is None:
            continue
        model = attempt(lambda m=module: m.GradientBoostingRegressor(50, 0.3, 2).fit(X_TRAIN, Y_TRAIN))
        stages = attempt(lambda: np.asarray(model.staged_predict(GRID))) if not isinstance(model, str) else model
        if isinstance(stages, str):
            fit_panel[f"{label}: {stages}"] = (GRID[:0, 0], GRID[:0, 0])
            continue
        for k in (0, 4, 49):
            fit_panel[f"{label}, {k + 1} tree{'s' if k else ''}"] = (GRID[:, 0], stages[k])
        for name, (X, y) in (("train", (X_TRAIN, Y_TRAIN)), ("held out", (X_TEST, Y_TEST))):
            staged = np.asarray(model.staged_predict(X))
            error_panel[f"{label}, {name}"] = (np.arange(1, 51), np.mean((staged - y) ** 2, axis=1))
    return curves({"the fit": fit_panel, "mean squared error per number of trees": error_panel},
                  "gradient boosting on a noisy sine (depth 2, learning rate 0.3)")


@hookimpl
def register_figures(register):
    register("gradient_boosting", "stages", boosting_stages)
