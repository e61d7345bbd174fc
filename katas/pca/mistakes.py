"""Known mistakes of the pca kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="default_keeps_every_feature",
        says="n_components=None keeps D components instead of min(N, D)",
        culprits=("PCA",),
        edit=replace("k = min(n, d) if self.n_components is None else int(self.n_components)",
                "k = d if self.n_components is None else int(self.n_components)"),
    ),
    Mistake(
        id="inverse_transform_forgets_mean",
        says="inverse_transform projects back without adding mean_",
        culprits=("PCA",),
        edit=replace("return np.asarray(Z, dtype=np.float64) @ self.components_ + self.mean_",
                "return np.asarray(Z, dtype=np.float64) @ self.components_"),
    ),
    Mistake(
        id="no_centering",
        says="the SVD is taken of X itself instead of the centred X - mean_",
        culprits=("PCA",),
        edit=replace("_, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)",
                "_, S, Vt = np.linalg.svd(X, full_matrices=False)"),
    ),
    Mistake(
        id="no_sign_flip",
        says="the components keep the arbitrary signs returned by the SVD",
        culprits=("PCA",),
        edit=replace("        Vt = Vt * signs[:, None]\n", ""),
    ),
    Mistake(
        id="one_pass_covariance",
        says="the covariance is computed as E[x x^T] - mean mean^T, which cancels catastrophically far from the "
             "origin",
        culprits=("PCA",),
        edit=replace(
            "        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)",
            "        cov = (X.T @ X / n - np.outer(self.mean_, self.mean_)) * n / (n - 1)\n"
            "        eigval, eigvec = np.linalg.eigh(cov)\n"
            "        order = np.argsort(eigval)[::-1][: min(n, d)]\n"
            "        S = np.sqrt(np.clip(eigval[order], 0.0, None) * (n - 1))\n"
            "        Vt = eigvec[:, order].T",
        ),
    ),
    Mistake(
        id="ratio_over_kept_components",
        says="explained_variance_ratio_ divides by the variance of the kept components only",
        culprits=("PCA",),
        edit=replace("self.explained_variance_ratio_ = variance[:k] / variance.sum()",
                "self.explained_variance_ratio_ = variance[:k] / variance[:k].sum()"),
    ),
    Mistake(
        id="transform_forgets_centering",
        says="transform projects X without subtracting mean_ first",
        culprits=("PCA",),
        edit=replace("return (np.asarray(X, dtype=np.float64) - self.mean_) @ self.components_.T",
                "return np.asarray(X, dtype=np.float64) @ self.components_.T"),
    ),
    Mistake(
        id="variance_divides_by_n",
        says="explained_variance_ is S**2 / N (ddof=0) instead of S**2 / (N - 1)",
        culprits=("PCA",),
        edit=replace("variance = S**2 / (n - 1)", "variance = S**2 / n"),
    ),
    Mistake(
        id="n_components_overwritten_in_fit",
        says="fit stores the default number of components in self.n_components, so a later fit on data with "
             "another number of features keeps the first fit's number",
        culprits=("n_components_", "components_"),
        edit=replace("        k = min(n, d) if self.n_components is None else int(self.n_components)\n",
                     "        if self.n_components is None:\n"
                     "            self.n_components = min(n, d)\n"
                     "        k = int(self.n_components)\n"),
    ),
]
