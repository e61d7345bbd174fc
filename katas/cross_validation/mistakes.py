"""Known mistakes of the cross_validation kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="remainder_in_last_fold",
        says="gives every fold n // k samples and puts the remainder in the last fold",
        culprits=("test indices",),
        edit=replace("sizes[: n % k] += 1", "sizes[-1] += n % k"),
    ),
    Mistake(
        id="legacy_global_shuffle",
        says="shuffles with the legacy global generator (np.random.seed(seed); np.random.permutation) instead of "
             "np.random.default_rng(seed)",
        culprits=("test indices",),
        edit=replace("order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)",
                     "np.random.seed(seed if shuffle else 0)\n"
                     "    order = np.random.permutation(n) if shuffle else np.arange(n)"),
    ),
    Mistake(
        id="stratified_contiguous_chunks",
        says="splits each class into k contiguous chunks, so the first folds get every class's extra sample",
        culprits=("test indices",),
        edit=replace_function("stratified_kfold_indices", '''
            def stratified_kfold_indices(y, k, shuffle=False, seed=None):
                y = np.asarray(y)
                rng = np.random.default_rng(seed) if shuffle else None
                test_sets = [[] for _ in range(k)]
                for label in np.unique(y):
                    members = np.flatnonzero(y == label)
                    members = rng.permutation(members) if shuffle else members
                    for i, chunk in enumerate(np.array_split(members, k)):
                        test_sets[i].extend(chunk.tolist())
                return _folds_from_test_sets(len(y), test_sets)
        '''),
    ),
    Mistake(
        id="stratified_generator_per_class",
        says="creates a new generator np.random.default_rng(seed) for every class instead of one for all of them",
        culprits=("test indices",),
        edit=replace("parts.append(rng.permutation(members) if shuffle else members)",
                     "parts.append(np.random.default_rng(seed).permutation(members) if shuffle else members)"),
    ),
    Mistake(
        id="stratified_one_permutation_of_all",
        says="permutes all the indices at once and then groups them by class, instead of permuting each class",
        culprits=("test indices",),
        edit=replace("        parts.append(rng.permutation(members) if shuffle else members)\n",
                     "        parts.append(members)\n"
                     "    if shuffle:\n"
                     "        perm = rng.permutation(len(y))\n"
                     "        parts = [perm[y[perm] == label] for label in np.unique(y)]\n"),
    ),
    Mistake(
        id="fits_on_all_data",
        says="fits each fold's estimator on all of X instead of X[train], so the test samples leak into training",
        culprits=("scores",),
        edit=replace("model.fit(X[train], y[train])", "model.fit(X, y)"),
    ),
    Mistake(
        id="scores_on_train_set",
        says="scores each fold on its train set instead of its test set",
        culprits=("scores",),
        edit=replace("scores.append(model.score(X[test], y[test]))", "scores.append(model.score(X[train], y[train]))"),
    ),
    Mistake(
        id="grid_in_insertion_order",
        says="goes through the grid's names in the dict's order instead of sorted",
        culprits=("params",),
        edit=replace("names = sorted(param_grid)", "names = list(param_grid)"),
    ),
    Mistake(
        id="best_is_lowest_score",
        says="keeps the candidate with the lowest mean score, as if scores were losses",
        culprits=("best_params",),
        edit=replace("key=lambda i: (results[i][\"mean_score\"], -i))", "key=lambda i: (-results[i][\"mean_score\"], -i))"),
    ),
    Mistake(
        id="ties_keep_the_last",
        says="keeps the last of candidates with equal mean scores instead of the first",
        culprits=("best_params",),
        edit=replace("key=lambda i: (results[i][\"mean_score\"], -i))", "key=lambda i: (results[i][\"mean_score\"], i))"),
    ),
    Mistake(
        id="changes_the_given_estimator",
        says="sets each candidate's parameters on the given estimator and refits it, changing the caller's object",
        culprits=("get_params",),
        edit=replace("        model = type(estimator)(**{**estimator.get_params(), **params})\n",
                     "        for name, value in params.items():\n"
                     "            setattr(estimator, name, value)\n"
                     "        model = estimator\n"),
    ),
]
