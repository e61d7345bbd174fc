"""Hidden checks for the perceptron kata: agreement with the reference on drawn problems."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, assert_refit_forgets, strategies as kst

from . import kata
from .public import separable_problem

learning_rates = st.sampled_from([0.1, 0.5, 1.0, 2.0])


def compare_fit(sub, ref, X, y, X_test, **params):
    """Fit both models with ``params`` and compare every fitted attribute and prediction."""
    model = sub.Perceptron(**params)
    model.fit(X, y)
    expected = ref.Perceptron(**params).fit(X, y)
    where = f"after fit on X of shape {X.shape} with {', '.join(f'{k}={v}' for k, v in params.items())}"
    assert_close(model.coef_, expected.coef_, name=f"coef_ {where}")
    assert_close(model.intercept_, expected.intercept_, name=f"intercept_ {where}")
    assert_equal(model.n_iter_, expected.n_iter_, name=f"n_iter_ {where}")
    assert_close(model.decision_function(X_test), expected.decision_function(X_test), name=f"decision_function {where}")
    assert_equal(model.predict(X_test), expected.predict(X_test), name=f"predict {where}")


@kata.check(points=2, hidden=True)
@given(seed=kst.seeds(), n=kst.dims(2, 10), d=kst.dims(1, 4), n_epochs=st.integers(1, 6), lr=learning_rates)
def fit_matches_reference_on_noisy_data(sub, ref, seed, n, d, n_epochs, lr):
    """fit visits samples in order and applies every update on data that is not separable"""
    rng = kst.rng_from(seed)
    X = rng.standard_normal((n, d))
    y = rng.choice(np.array([-1, 1]), size=n)
    compare_fit(sub, ref, X, y, X, learning_rate=lr, n_epochs=n_epochs)


@kata.check(points=2, hidden=True)
@given(seed=kst.seeds(), n=kst.dims(2, 12), d=kst.dims(1, 3), lr=learning_rates)
def fit_matches_reference_on_separable_data(sub, ref, seed, n, d, lr):
    """fit stops at the same epoch as the reference on separable data, with the same n_iter_"""
    X, y = separable_problem(seed, n, d)
    compare_fit(sub, ref, X, y, X, learning_rate=lr, n_epochs=200)


@kata.check(points=2, hidden=True)
@given(seed=kst.seeds(), n=kst.dims(2, 8), n_epochs=st.integers(1, 4))
def integer_data_including_boundary_points_matches_reference(sub, ref, seed, n, n_epochs):
    """On integer data (exact ties), fit, decision_function and predict agree with the reference"""
    rng = kst.rng_from(seed)
    X = rng.integers(-2, 3, size=(n, 2)).astype(np.float64)
    y = rng.choice(np.array([-1, 1]), size=n)
    grid = np.array([[a, b] for a in range(-2, 3) for b in range(-2, 3)], dtype=np.float64)
    compare_fit(sub, ref, X, y, grid, learning_rate=1.0, n_epochs=n_epochs)


@kata.check(points=1, hidden=True)
def refitting_other_data_forgets_the_earlier_fit(sub, ref):
    """fit on other data, then on the first data again, ends like a fresh Perceptron (other problems)"""
    rng = np.random.default_rng(23)
    problems = []
    for n in (9, 14):
        X = rng.normal(size=(n, 2))
        problems.append((X, np.where(X[:, 0] - 0.5 * X[:, 1] > 0.1, 1.0, -1.0)))
    assert_refit_forgets(lambda: sub.Perceptron(), problems[0], problems[1], ["coef_", "intercept_", "n_iter_"],
                         reference=lambda: ref.Perceptron(),
                         name="Perceptron")
