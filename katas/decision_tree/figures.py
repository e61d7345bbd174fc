"""Figures of the decision_tree kata for the HTML report: decision regions, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import decision_boundaries, yours_and_reference


def xor_quadrants(seed: int = 4, n: int = 120):
    """Points in four quadrants labelled like XOR: no single split separates them, a depth-2 tree does."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3, 3, size=(n, 2))
    y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(np.int64)
    return X, y


def decision_regions(sub, ref):
    """DecisionTreeClassifier(max_depth=3) fitted on XOR quadrants, shaded by predicted class."""
    X, y = xor_quadrants()

    def fitted(module):
        return lambda X, y, grid: module.DecisionTreeClassifier(max_depth=3).fit(X, y).predict(grid)

    return decision_boundaries(yours_and_reference(sub, ref, fitted), X, y,
                               "decision tree (max_depth=3): axis-aligned regions on XOR quadrants")


@hookimpl
def register_figures(register):
    register("decision_tree", "decision regions", decision_regions)
