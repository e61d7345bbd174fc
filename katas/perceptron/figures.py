"""Figures of the perceptron kata for the HTML report: the decision boundary, yours and the reference's."""
from graders import hookimpl
from graders.figures import blobs, decision_boundaries, yours_and_reference


def decision_boundary(sub, ref):
    """Perceptron fitted on two well-separated seeded blobs (labels -1/+1), shaded by predicted class."""
    X, y01 = blobs(seed=3, separation=5.0)
    y = 2 * y01 - 1

    def fitted(module):
        return lambda X, y, grid: module.Perceptron(learning_rate=1.0, n_epochs=100).fit(X, y).predict(grid)

    return decision_boundaries(yours_and_reference(sub, ref, fitted), X, y,
                               "perceptron: decision boundary on two separable blobs")


@hookimpl
def register_figures(register):
    register("perceptron", "decision boundary", decision_boundary)
