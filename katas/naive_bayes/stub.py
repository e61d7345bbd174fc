"""Gaussian naive Bayes computed in log space. See katas/naive_bayes/README.md."""
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
        raise NotImplementedError

    def predict_joint_log_proba(self, X):
        """log p(x, c) = log prior_c + sum_j log N(x_j; theta_cj, var_cj), shape (M, K), float64."""
        raise NotImplementedError

    def predict_log_proba(self, X):
        """log p(c | x), shape (M, K): the joint log probabilities minus their log-sum-exp over classes."""
        raise NotImplementedError

    def predict_proba(self, X):
        """p(c | x), shape (M, K), rows summing to 1: exp of predict_log_proba."""
        raise NotImplementedError

    def predict(self, X):
        """The most probable label of each row, shape (M,), taken from classes_."""
        raise NotImplementedError