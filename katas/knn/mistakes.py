"""Known mistakes of the knn kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="double_loop_distances",
        says="pairwise_distances loops over every pair of points in Python instead of vectorising",
        culprits=("pairwise_distances",),
        edit=replace(
            "    diff = A[:, None, :] - B[None, :, :]          # (n_a, n_b, d)\n"
            "    return np.sqrt(np.sum(diff * diff, axis=-1))",
            "    D = np.empty((len(A), len(B)))\n"
            "    for i in range(len(A)):\n"
            "        for j in range(len(B)):\n"
            "            D[i, j] = np.sqrt(np.sum((A[i] - B[j]) ** 2))\n"
            "    return D",
        ),
    ),
    Mistake(
        id="skips_nearest_neighbor",
        says="kneighbors drops the first neighbour as if it were the query point itself, taking neighbours 2..k+1",
        culprits=("predict", "kneighbors", "KNeighborsClassifier"),
        edit=replace("indices = np.argsort(D, axis=1, kind=\"stable\")[:, : self.n_neighbors]  # (m, k)",
                "indices = np.argsort(D, axis=1, kind=\"stable\")[:, 1 : self.n_neighbors + 1]  # (m, k)"),
    ),
    Mistake(
        id="squared_distances",
        says="pairwise_distances returns squared distances (the square root is forgotten)",
        culprits=("pairwise_distances", "distances", "kneighbors"),
        edit=replace("return np.sqrt(np.sum(diff * diff, axis=-1))", "return np.sum(diff * diff, axis=-1)"),
    ),
    Mistake(
        id="unstable_neighbour_order",
        says="kneighbors sorts distances with the default (unstable) argsort, so equal distances come back in "
             "arbitrary order",
        culprits=("kneighbors", "predict", "KNeighborsClassifier"),
        edit=replace("indices = np.argsort(D, axis=1, kind=\"stable\")[:, : self.n_neighbors]  # (m, k)",
                "indices = np.argsort(D, axis=1)[:, : self.n_neighbors]  # (m, k)"),
    ),
    Mistake(
        id="vote_ties_to_nearest",
        says="predict votes with Counter.most_common, so a tied vote goes to the label of the nearer neighbour, "
             "not the smallest label",
        culprits=("predict", "KNeighborsClassifier"),
        edit=(
            replace(
                "        _, indices = self.kneighbors(X)",
                "        _, indices = self.kneighbors(X)\n"
                "        from collections import Counter",
            ),
            replace(
                "        labels = np.unique(self.y_train_)                                    # sorted\n"
                "        counts = (votes[:, :, None] == labels[None, None, :]).sum(axis=1)    # (m, n_labels)\n"
                "        return labels[np.argmax(counts, axis=1)].astype(np.int64)           # first max = smallest label",
                "        return np.array([Counter(row.tolist()).most_common(1)[0][0] for row in votes], dtype=np.int64)",
            ),
        ),
    ),
    Mistake(
        id="training_data_appended",
        says="fit appends the new training data to what an earlier fit stored instead of replacing it",
        culprits=("predict", "KNeighborsClassifier"),
        edit=(replace("        self.X_train_ = np.array(X, dtype=np.float64)\n        self.y_train_ = np.array(y)\n",
                      "        old_X = getattr(self, 'X_train_', np.zeros((0, np.shape(X)[1])))\n"
                      "        old_y = getattr(self, 'y_train_', np.zeros(0, dtype=np.asarray(y).dtype))\n"
                      "        self.X_train_ = np.concatenate([old_X, np.array(X, dtype=np.float64)])\n"
                      "        self.y_train_ = np.concatenate([old_y, np.array(y)])\n"),),
    ),
]
