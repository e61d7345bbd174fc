"""Known mistakes of the decision_tree kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="depth_off_by_one",
        says="the depth limit is tested with depth > max_depth, so trees grow one level deeper than allowed",
        culprits=("tree_", "DecisionTreeClassifier", "predict"),
        edit=replace("or (self.max_depth is not None and depth >= self.max_depth)",
                "or (self.max_depth is not None and depth > self.max_depth)"),
    ),
    Mistake(
        id="entropy_natural_log",
        says="entropy uses the natural logarithm (nats) instead of log base 2 (bits)",
        culprits=("entropy", "information_gain", "gain"),
        edit=(
            replace("return float(-np.sum(p * np.log2(p))) + 0.0  # + 0.0 turns -0.0 into 0.0",
                    "return float(-np.sum(p * np.log(p))) + 0.0  # + 0.0 turns -0.0 into 0.0"),
            replace("return -np.sum(p * np.log2(np.where(p > 0, p, 1.0)), axis=-1)  # 0 log 0 = 0",
                    "return -np.sum(p * np.log(np.where(p > 0, p, 1.0)), axis=-1)  # 0 log 0 = 0"),
        ),
    ),
    Mistake(
        id="gain_unweighted_children",
        says="information_gain averages the children's impurities equally instead of weighting them by their sizes",
        culprits=("information_gain", "gain", "best_split", "DecisionTreeClassifier"),
        edit=(
            replace(
                "return float(impurity(y) - len(y_left) / n * impurity(y_left) - len(y_right) / n * impurity(y_right))",
                "return float(impurity(y) - 0.5 * impurity(y_left) - 0.5 * impurity(y_right))",
            ),
            replace(
                "gains = impurity(total) - n_left / n * impurity(left) - (n - n_left) / n * impurity(right)",
                "gains = impurity(total) - 0.5 * impurity(left) - 0.5 * impurity(right)",
            ),
        ),
    ),
    Mistake(
        id="thresholds_at_unique_values",
        says="candidate thresholds are the unique values themselves (x <= v) instead of midpoints between "
             "consecutive values",
        culprits=("best_split", "DecisionTreeClassifier", "predict"),
        edit=replace("return ((xs[:-1] + xs[1:]) / 2)[boundary], gains[boundary]",
                "return xs[:-1][boundary], gains[boundary]"),
    ),
    Mistake(
        id="ties_to_last_split",
        says="best_split keeps the last of equally good splits (a >= comparison while scanning) instead of the "
             "first",
        culprits=("best_split", "DecisionTreeClassifier", "predict"),
        edit=(
            replace("top = max(gain for _, _, gain in candidates)", "best = None"),
            replace(
                "        if gain >= top - TIE_TOL:\n"
                "            return int(j), t, gain",
                "        if best is None or gain >= best[2]:\n"
                "            best = (int(j), t, gain)\n"
                "    return best",
            ),
        ),
    ),
    Mistake(
        id="first_root_kept_between_fits",
        says="appends each fit's root to a list kept on the object and reads the tree from its first entry, so a "
             "second fit keeps the first tree",
        culprits=("tree_",),
        edit=replace("        self.tree_ = self._grow(np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64), 0)"
                     "\n",
                     "        if not hasattr(self, '_roots'):\n"
                     "            self._roots = []\n"
                     "        self._roots.append(self._grow(np.asarray(X, dtype=np.float64),\n"
                     "                                      np.asarray(y, dtype=np.int64), 0))\n"
                     "        self.tree_ = self._roots[0]\n"),
    ),
    Mistake(
        id="gini_of_empty_is_one",
        says="gini of an empty y is 1 (1 - a sum over no classes) instead of 0",
        culprits=("gini",),
        edit=replace("return float(1.0 - np.sum(p ** 2)) if p.size else 0.0", "return float(1.0 - np.sum(p ** 2))"),
    ),
    Mistake(
        id="max_depth_zero_is_unlimited",
        says="tests the depth limit with `if self.max_depth and ...`, so max_depth=0 grows an unlimited tree",
        culprits=("tree_", "max_depth"),
        edit=replace("or (self.max_depth is not None and depth >= self.max_depth)",
                     "or (self.max_depth and depth >= self.max_depth)"),
    ),
]
