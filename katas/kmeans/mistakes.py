"""Known mistakes of the kmeans kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="d_not_squared",
        says="k-means++ samples the next centre with probability proportional to the distance D, not D squared",
        culprits=("KMeans", "kmeans_plusplus"),
        edit=replace(
            "        j = rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)",
            "        d = np.sqrt(d2)\n"
            "        j = rng.choice(n, p=d / d.sum()) if total > 0 else rng.integers(n)",
        ),
    ),
    Mistake(
        id="distance_to_first_centre_only",
        says="k-means++ measures d2 to the first centre only instead of the nearest chosen centre",
        culprits=("kmeans_plusplus", "KMeans"),
        edit=replace("        d2 = np.minimum(d2, np.sum((X - X[j]) ** 2, axis=1))\n", ""),
    ),
    Mistake(
        id="empty_cluster_becomes_nan",
        says="update_centroids takes the mean of an empty cluster, which makes its centroid NaN",
        culprits=("update_centroids", "KMeans"),
        edit=replace(
            "        members = X[labels == j]\n"
            "        if len(members) > 0:\n"
            "            new[j] = members.mean(axis=0)",
            "        new[j] = X[labels == j].mean(axis=0)",
        ),
    ),
    Mistake(
        id="inertia_is_mean",
        says="inertia averages the squared distances over the points instead of summing them",
        culprits=("inertia", "KMeans"),
        edit=replace(
            "return float(np.sum((X - np.asarray(centroids, dtype=np.float64)[labels]) ** 2))",
            "return float(np.mean(np.sum((X - np.asarray(centroids, dtype=np.float64)[labels]) ** 2, axis=1)))",
        ),
    ),
    Mistake(
        id="labels_before_last_update",
        says="fit keeps the labels of the last assignment step, computed before the final centroid update",
        culprits=("KMeans",),
        edit=replace("self.labels_ = assign_labels(X, centroids)", "self.labels_ = labels"),
    ),
    Mistake(
        id="generator_made_once_in_init",
        says="makes the random generator once in __init__, so a second fit draws different initial centres",
        culprits=("cluster_centers_", "labels_", "inertia_", "n_iter_"),
        edit=(replace("        self.seed = seed\n", "        self.seed = seed\n        self._rng = np.random.default_rng(seed)\n"),
              replace("kmeans_plusplus(X, self.n_clusters, np.random.default_rng(self.seed))",
                      "kmeans_plusplus(X, self.n_clusters, self._rng)")),
    ),
    Mistake(
        id="centroids_updated_in_place",
        says="update_centroids writes the new means into the centroids it was given (np.asarray instead of a "
             "copy): the caller's centroids are changed",
        culprits=("update_centroids",),
        edit=replace("    new = np.array(centroids, dtype=np.float64)  # a copy",
                     "    new = np.asarray(centroids, dtype=np.float64)"),
    ),
    Mistake(
        id="no_draw_when_every_point_is_chosen",
        says="k-means++ always samples with p = d2 / d2.sum(), which is 0 / 0 when fewer distinct points than k are "
             "left, instead of drawing rng.integers(N) then",
        culprits=("kmeans_plusplus",),
        edit=replace("j = rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)",
                     "j = rng.choice(n, p=d2 / total)"),
    ),
]
