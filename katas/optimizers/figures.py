"""Figures of the optimizers kata for the HTML report: paths on the Rosenbrock function, yours and the reference's."""
from graders import hookimpl
from graders.figures import attempt, rosenbrock_paths, trajectory

START, STEPS = (-1.5, 2.0), 400
OPTIMIZERS = {
    "sgd (lr 2e-3)": ("sgd_step", {"learning_rate": 2e-3}),
    "momentum (lr 1e-3)": ("momentum_step", {"learning_rate": 1e-3, "momentum": 0.9}),
    "nesterov (lr 1e-3)": ("nesterov_step", {"learning_rate": 1e-3, "momentum": 0.9}),
    "adagrad (lr 2)": ("adagrad_step", {"learning_rate": 2.0}),
    "rmsprop (lr 0.01)": ("rmsprop_step", {"learning_rate": 0.01}),
}


def rosenbrock_trajectories(sub, ref):
    """400 steps of each optimizer from (-1.5, 2) on the Rosenbrock function: your panel and the reference's."""
    panels = {}
    for label, module in (("yours", sub), ("reference", ref)):
        if module is None:
            continue
        panels[label] = {
            name: attempt(lambda m=module, f=func, kw=kwargs: trajectory(
                lambda w, dw, state: getattr(m, f)(w, dw, state, **kw), START, STEPS))
            for name, (func, kwargs) in OPTIMIZERS.items()
        }
    return rosenbrock_paths(panels, "first-order optimizers on the Rosenbrock function")


@hookimpl
def register_figures(register):
    register("optimizers", "Rosenbrock trajectories", rosenbrock_trajectories)
