"""Known mistakes of the perceptron kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="bias_not_updated",
        says="updates the weights on a mistake but never the bias, so the boundary always passes through the "
             "origin",
        culprits=("coef_", "fit", "intercept_", "Perceptron"),
        edit=replace("                    b = b + lr * y_i\n", ""),
    ),
    Mistake(
        id="ignores_learning_rate",
        says="ignores learning_rate: every update adds y_i * x_i and y_i, as if lr were 1",
        culprits=("fit", "coef_", "Perceptron"),
        edit=replace("lr = float(self.learning_rate)", "lr = 1.0"),
    ),
    Mistake(
        id="n_iter_off_by_one",
        says="n_iter_ is the 0-based index of the last epoch (enumerate), one less than the number of epochs run",
        culprits=("n_iter_", "fit", "Perceptron"),
        edit=(
            replace(
                "        epochs = 0\n"
                "        for _ in range(self.n_epochs):\n"
                "            epochs += 1",
                "        epoch = 0\n"
                "        for epoch in range(self.n_epochs):",
            ),
            replace("self.n_iter_ = epochs", "self.n_iter_ = epoch"),
        ),
    ),
    Mistake(
        id="no_early_stopping",
        says="never stops early: always runs all n_epochs epochs, even after an epoch without mistakes",
        culprits=("n_iter_", "fit", "Perceptron"),
        edit=replace("            if mistakes == 0:\n                break\n", ""),
    ),
    Mistake(
        id="predict_ties_positive",
        says="predict returns +1 where the decision function is >= 0, so points on the boundary get +1",
        culprits=("fit", "predict", "Perceptron"),
        edit=replace("np.where(self.decision_function(X) > 0, 1, -1)",
                     "np.where(self.decision_function(X) >= 0, 1, -1)"),
    ),
    Mistake(
        id="shuffles_samples",
        says="shuffles the samples at every epoch instead of visiting them in the given order",
        culprits=("fit", "coef_", "intercept_", "Perceptron"),
        edit=(
            replace("        b = 0.0\n", "        b = 0.0\n        rng = np.random.default_rng(0)\n"),
            replace("            for x_i, y_i in zip(X, y):",
                    "            order = rng.permutation(len(X))\n"
                    "            for x_i, y_i in zip(X[order], y[order]):"),
        ),
    ),
    Mistake(
        id="strict_mistake_condition",
        says="counts a mistake only when y * (w @ x + b) < 0 (strict), so with zero init the first sample never "
             "updates",
        culprits=("coef_", "fit", "Perceptron"),
        edit=replace("if y_i * (x_i @ w + b) <= 0:", "if y_i * (x_i @ w + b) < 0:"),
    ),
    Mistake(
        id="weights_kept_between_fits",
        says="fit starts from the weights of the previous fit instead of zero",
        culprits=("coef_", "intercept_"),
        edit=(replace("        w = np.zeros(X.shape[1])\n", "        w = getattr(self, 'coef_', np.zeros(X.shape[1]))\n"),
              replace("        b = 0.0\n", "        b = getattr(self, 'intercept_', 0.0)\n")),
    ),
]
