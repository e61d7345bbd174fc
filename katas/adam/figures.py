"""Figures of the adam kata for the HTML report: Adam's path on the Rosenbrock function, yours and the reference's."""
from graders import hookimpl
from graders.figures import attempt, rosenbrock_paths, trajectory

START, STEPS = (-1.5, 2.0), 400


def rosenbrock_trajectory(sub, ref):
    """400 Adam steps (learning_rate=0.2) from (-1.5, 2) on the Rosenbrock function."""
    paths = {}
    for label, module in (("yours", sub), ("reference", ref)):
        if module is not None:
            paths[label] = attempt(lambda m=module: trajectory(
                lambda w, dw, state: m.adam_step(w, dw, state, learning_rate=0.2), START, STEPS))
    return rosenbrock_paths({"Adam, learning_rate=0.2": paths}, "Adam on the Rosenbrock function")


@hookimpl
def register_figures(register):
    register("adam", "Rosenbrock trajectory", rosenbrock_trajectory)
