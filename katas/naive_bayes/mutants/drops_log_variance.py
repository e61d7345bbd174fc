"""Mutant: the Gaussian's normalising constant keeps log(2 pi) but drops the log-variance term."""
import numpy as np


class GaussianNB:
    """Gaussian naive Bayes with scikit-learn's variance smoothing.

    Parameters: var_smoothing (float >= 0): ``epsilon_ = var_smoothing * max_j Var(X[:, j])``
    is added to every per-class variance.

    Fitted attributes (K classes, D features)
    -----------------------------------------
    classes_ : (K,) the sorted distinct labels of y
    class_count_ : (K,) float64, samples per class
    class_prior_ : (K,) float64, class_count_ / N
    theta_ : (K, D) float64, per-class feature means
    var_ : (K, D) float64, per-class feature variances (ddof=0) + epsilon_
    epsilon_ : float
    """

    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        """Estimate priors, means and variances from X (N, D) and labels y (N,); return ``self``."""
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        self.epsilon_ = float(self.var_smoothing * np.var(X, axis=0).max())
        k, d = len(self.classes_), X.shape[1]
        self.class_count_ = np.zeros(k)
        self.theta_ = np.zeros((k, d))
        self.var_ = np.zeros((k, d))
        for c, label in enumerate(self.classes_):
            Xc = X[y == label]
            self.class_count_[c] = len(Xc)
            self.theta_[c] = Xc.mean(axis=0)
            self.var_[c] = Xc.var(axis=0) + self.epsilon_
        self.class_prior_ = self.class_count_ / self.class_count_.sum()
        return self

    def predict_joint_log_proba(self, X):
        """log p(x, c) = log prior_c + sum_j log N(x_j; theta_cj, var_cj), shape (M, K), float64."""
        X = np.asarray(X, dtype=np.float64)
        log_norm = -0.5 * self.var_.shape[1] * np.log(2.0 * np.pi) * np.ones(len(self.var_))  # (K,)
        sq = (X[:, None, :] - self.theta_[None, :, :]) ** 2 / self.var_[None, :, :]  # (M, K, D)
        return np.log(self.class_prior_)[None, :] + log_norm[None, :] - 0.5 * np.sum(sq, axis=2)

    def predict_log_proba(self, X):
        """log p(c | x), shape (M, K): the joint log probabilities minus their log-sum-exp over classes."""
        jll = self.predict_joint_log_proba(X)
        top = jll.max(axis=1, keepdims=True)
        log_norm = top + np.log(np.sum(np.exp(jll - top), axis=1, keepdims=True))
        return jll - log_norm

    def predict_proba(self, X):
        """p(c | x), shape (M, K), rows summing to 1: exp of predict_log_proba."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        """The most probable label of each row, shape (M,), taken from classes_."""
        return self.classes_[np.argmax(self.predict_joint_log_proba(X), axis=1)]
