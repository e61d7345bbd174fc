"""Known mistakes of the naive_bayes kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="absolute_smoothing",
        says="var_smoothing is added to the variances as is, not scaled by the largest feature variance",
        culprits=("GaussianNB",),
        edit=replace("self.epsilon_ = float(self.var_smoothing * np.var(X, axis=0).max())",
                "self.epsilon_ = float(self.var_smoothing)"),
    ),
    Mistake(
        id="drops_log_variance",
        says="the Gaussian's normalising constant keeps log(2 pi) but drops the log-variance term",
        culprits=("GaussianNB",),
        edit=replace(
            "log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_), axis=1)  # (K,)",
            "log_norm = -0.5 * self.var_.shape[1] * np.log(2.0 * np.pi) * np.ones(len(self.var_))  # (K,)",
        ),
    ),
    Mistake(
        id="ignores_class_prior",
        says="the joint log probability leaves out log prior_c (as if every class were equally likely)",
        culprits=("GaussianNB",),
        edit=replace("return np.log(self.class_prior_)[None, :] + log_norm[None, :] - 0.5 * np.sum(sq, axis=2)",
                "return log_norm[None, :] - 0.5 * np.sum(sq, axis=2)"),
    ),
    Mistake(
        id="normalises_with_plain_exp",
        says="predict_log_proba normalises exp(joint log proba) directly, which is 0/0 = NaN far from every class",
        culprits=("GaussianNB",),
        edit=replace(
            "        jll = self.predict_joint_log_proba(X)\n"
            "        top = jll.max(axis=1, keepdims=True)\n"
            "        log_norm = top + np.log(np.sum(np.exp(jll - top), axis=1, keepdims=True))\n"
            "        return jll - log_norm",
            "        joint = np.exp(self.predict_joint_log_proba(X))\n"
            "        return np.log(joint / joint.sum(axis=1, keepdims=True))",
        ),
    ),
    Mistake(
        id="predict_returns_index",
        says="predict returns the index of the most probable class instead of its label from classes_",
        culprits=("GaussianNB",),
        edit=replace("return self.classes_[np.argmax(self.predict_joint_log_proba(X), axis=1)]",
                "return np.argmax(self.predict_joint_log_proba(X), axis=1)"),
    ),
    Mistake(
        id="unbiased_variance",
        says="the per-class variances use ddof=1 (the unbiased estimate) instead of ddof=0",
        culprits=("GaussianNB",),
        edit=replace("self.var_[c] = Xc.var(axis=0) + self.epsilon_",
                "self.var_[c] = Xc.var(axis=0, ddof=1) + self.epsilon_"),
    ),
    Mistake(
        id="class_samples_kept_between_fits",
        says="keeps each class's samples in a dict made once in __init__, so the classes of an earlier fit stay in "
             "classes_ after fitting other labels",
        culprits=("classes_", "class_count_", "theta_"),
        edit=(replace("        self.var_smoothing = var_smoothing\n",
                      "        self.var_smoothing = var_smoothing\n        self._samples = {}\n"),
              replace("        self.classes_ = np.unique(y)\n",
                      "        for label in np.unique(y):\n"
                      "            self._samples[label] = X[y == label]\n"
                      "        self.classes_ = np.array(sorted(self._samples))\n"),
              replace("            Xc = X[y == label]\n", "            Xc = self._samples[label]\n")),
    ),
]
MISTAKES += [
    Mistake(
        id="ties_to_the_last_class",
        says="predict takes np.argsort(J, axis=1)[:, -1], which picks the last of several equally probable classes "
             "instead of the first",
        culprits=("predict",),
        edit=replace("return self.classes_[np.argmax(self.predict_joint_log_proba(X), axis=1)]",
                     "return self.classes_[np.argsort(self.predict_joint_log_proba(X), axis=1, kind=\"stable\")[:, -1]]"),
    ),
]
