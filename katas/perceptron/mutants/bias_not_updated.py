"""Updates the weights on a mistake but never the bias, so the boundary always passes through the origin."""
import numpy as np


class Perceptron:
    def __init__(self, learning_rate=1.0, n_epochs=100):
        self.learning_rate = learning_rate
        self.n_epochs = n_epochs

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        w = np.zeros(X.shape[1])
        b = 0.0
        epochs = 0
        for _ in range(self.n_epochs):
            epochs += 1
            mistakes = 0
            for x_i, y_i in zip(X, y):
                if y_i * (x_i @ w + b) <= 0:
                    w = w + self.learning_rate * y_i * x_i
                    mistakes += 1
            if mistakes == 0:
                break
        self.coef_ = w
        self.intercept_ = float(b)
        self.n_iter_ = epochs
        return self

    def decision_function(self, X):
        return np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_

    def predict(self, X):
        return np.where(self.decision_function(X) > 0, 1, -1)
