"""Known mistakes of the gradient_boosting kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="thresholds_at_values",
        says="puts the thresholds at the distinct values themselves instead of the midpoints between them",
        culprits=("threshold",),
        edit=replace("for threshold in (values[:-1] + values[1:]) / 2:", "for threshold in values[:-1]:"),
    ),
    Mistake(
        id="ties_to_the_last_candidate",
        says="keeps the last of equally good splits instead of the first (lowest feature, then lowest threshold)",
        culprits=("feature", "threshold", "splits"),
        edit=replace("next(c for c in candidates if c[0] <= best + TIE_TOL)",
                     "next(c for c in reversed(candidates) if c[0] <= best + TIE_TOL)"),
    ),
    Mistake(
        id="leaf_predicts_the_median",
        says="makes a leaf predict the median of its targets (the absolute loss's leaf) instead of the mean",
        culprits=("value", "predict", "staged_predict"),
        edit=replace("        if depth >= self.max_depth or len(r) < self.min_samples_split or np.all(r == r[0]):\n"
                     "            return {\"value\": float(r.mean())}",
                     "        if depth >= self.max_depth or len(r) < self.min_samples_split or np.all(r == r[0]):\n"
                     "            return {\"value\": float(np.median(r))}"),
    ),
    Mistake(
        id="depth_off_by_one",
        says="stops growing only when depth > max_depth, so trees are one level too deep",
        culprits=("depth", "splits", "staged_predict"),
        edit=replace("if depth >= self.max_depth or", "if depth > self.max_depth or"),
    ),
    Mistake(
        id="starts_from_zero",
        says="starts boosting from F_0 = 0 instead of the mean of y",
        culprits=("init_",),
        edit=replace("self.init_ = float(y.mean())", "self.init_ = 0.0"),
    ),
    Mistake(
        id="every_tree_fits_y",
        says="fits every tree to y instead of the residuals y - F",
        culprits=("trees_", "staged_predict", "predict"),
        edit=replace(".fit(X, y - F)", ".fit(X, y)"),
    ),
    Mistake(
        id="residual_sign_flipped",
        says="fits the trees to F - y (the gradient) instead of y - F (the negative gradient)",
        culprits=("trees_", "staged_predict", "predict", "MSE"),
        edit=replace(".fit(X, y - F)", ".fit(X, F - y)"),
    ),
    Mistake(
        id="no_shrinkage_in_predict",
        says="applies the learning rate while fitting but adds the trees unshrunk when predicting",
        culprits=("staged_predict", "predict"),
        edit=replace("F = F + self.learning_rate * predict_tree(tree, X)", "F = F + predict_tree(tree, X)"),
    ),
    Mistake(
        id="trees_accumulate_across_fits",
        says="creates the list of trees in __init__, so a second fit adds its trees to those of the first",
        culprits=("trees_", "second fit", "fitted twice"),
        edit=(replace("        self.trees_ = []\n        F = np.full", "        F = np.full"),
              replace("        self.max_depth, self.min_samples_split = max_depth, min_samples_split\n\n    def fit(self, X, y):",
                      "        self.max_depth, self.min_samples_split = max_depth, min_samples_split\n"
                      "        self.trees_ = []\n\n    def fit(self, X, y):")),
    ),
    Mistake(
        id="staged_predict_starts_with_init",
        says="makes the first row of staged_predict the starting prediction init_, so every row is one tree behind",
        culprits=("staged_predict",),
        edit=replace("        for tree in self.trees_:\n            F = F + self.learning_rate * predict_tree(tree, X)\n"
                     "            stages.append(F)",
                     "        for tree in self.trees_:\n            stages.append(F)\n"
                     "            F = F + self.learning_rate * predict_tree(tree, X)"),
    ),
    Mistake(
        id="min_samples_split_inclusive",
        says="makes a node with exactly min_samples_split samples a leaf (len(r) <= min_samples_split) instead of "
             "splitting it",
        culprits=("predict", "RegressionTree", "staged_predict"),
        edit=replace("len(r) < self.min_samples_split", "len(r) <= self.min_samples_split"),
    ),
]
