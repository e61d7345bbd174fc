"""Figures of the svm kata for the HTML report: the decision boundary, yours and the reference's."""
from graders import hookimpl
from graders.figures import blobs, decision_boundaries, yours_and_reference


def decision_boundary(sub, ref):
    """LinearSVM fitted on two seeded blobs (labels -1/+1), shaded by predicted class."""
    X, y01 = blobs(seed=2)
    y = 2 * y01 - 1

    def fitted(module):
        return lambda X, y, grid: module.LinearSVM(reg=0.01, lr=0.1, n_epochs=200).fit(X, y).predict(grid)

    return decision_boundaries(yours_and_reference(sub, ref, fitted), X, y,
                               "linear SVM: decision boundary on two blobs")


@hookimpl
def register_figures(register):
    register("svm", "decision boundary", decision_boundary)
