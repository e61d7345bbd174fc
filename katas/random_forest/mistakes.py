"""Known mistakes of the random_forest kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="bootstrap_without_replacement",
        says="the bootstrap draws the n rows without replacement (a permutation), so every tree sees the same data",
        culprits=("RandomForestClassifier", "predict"),
        edit=replace("rows = rng.integers(0, n, size=n) if self.bootstrap else np.arange(n)",
                "rows = rng.permutation(n) if self.bootstrap else np.arange(n)"),
    ),
    Mistake(
        id="features_drawn_once_per_tree",
        says="features are subsampled once per tree (after its bootstrap) instead of at every split",
        culprits=("RandomForestClassifier", "predict"),
        edit=(
            replace(
                "            rows = rng.integers(0, n, size=n) if self.bootstrap else np.arange(n)",
                "            rows = rng.integers(0, n, size=n) if self.bootstrap else np.arange(n)\n"
                "            self._features = rng.choice(d, size=k, replace=False)",
            ),
            replace("features = rng.choice(X.shape[1], size=k, replace=False)", "features = self._features"),
        ),
    ),
    Mistake(
        id="max_features_sqrt_rounds_up",
        says="max_features='sqrt' rounds sqrt(d) up (ceil) instead of down",
        culprits=("RandomForestClassifier", "predict"),
        edit=replace("return max(1, int(math.sqrt(d)))", "return max(1, math.ceil(math.sqrt(d)))"),
    ),
    Mistake(
        id="rng_created_in_init",
        says="the generator is created once in __init__, so fitting the same model again continues the old random "
             "stream",
        culprits=("RandomForestClassifier",),
        edit=(
            replace(
                "        self.seed = seed",
                "        self.seed = seed\n"
                "        self._rng = np.random.default_rng(seed)",
            ),
            replace("rng = np.random.default_rng(self.seed)", "rng = self._rng"),
        ),
    ),
    Mistake(
        id="vote_ties_to_first_seen",
        says="majority_vote uses Counter.most_common, so a tie goes to the label seen first (the earliest tree) "
             "instead of the smallest",
        culprits=("majority_vote", "predict"),
        edit=replace("    return labels[np.argmax(counts, axis=0)].astype(np.int64)",
                     "    from collections import Counter\n"
                     "    return np.array([Counter(column.tolist()).most_common(1)[0][0] for column in predictions.T],\n"
                     "                    dtype=np.int64)"),
    ),
]
MISTAKES += [
    Mistake(
        id="no_draw_when_k_is_d",
        says="skips the feature draw when k == d (every feature is used anyway), so the generator falls out of step "
             "and later bootstraps differ",
        culprits=("estimators_", "tree"),
        edit=replace("features = rng.choice(X.shape[1], size=k, replace=False)",
                     "features = None if k == X.shape[1] else rng.choice(X.shape[1], size=k, replace=False)"),
    ),
    Mistake(
        id="constant_draw_falls_back_to_all_features",
        says="when every drawn feature is constant at a node, splits on the best of all features instead of making "
             "a leaf",
        culprits=("estimators_", "tree"),
        edit=replace("        if feature is None:  # every drawn feature is constant on these samples\n",
                     "        if feature is None:\n"
                     "            feature, threshold, _ = best_split(X, y, self.criterion, None)\n"
                     "        if feature is None:  # every drawn feature is constant on these samples\n"),
    ),
]
