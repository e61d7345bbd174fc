"""Figures of the logistic_regression kata for the HTML report: the decision boundary, yours and the reference's."""
from graders import hookimpl
from graders.figures import blobs, decision_boundaries, yours_and_reference


def decision_boundary(sub, ref):
    """LogisticRegression fitted on two seeded blobs (labels 0/1), shaded by predicted class."""
    X, y = blobs(seed=1)

    def fitted(module):
        return lambda X, y, grid: module.LogisticRegression(learning_rate=0.5, n_iters=200).fit(X, y).predict(grid)

    return decision_boundaries(yours_and_reference(sub, ref, fitted), X, y,
                               "logistic regression: decision boundary on two blobs")


@hookimpl
def register_figures(register):
    register("logistic_regression", "decision boundary", decision_boundary)
