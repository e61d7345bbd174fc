"""Public checks of the activations kata: values worked out by hand, limits, numerical derivatives."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, strategies as kst

from . import kata

Z = np.array([-2.0, -0.5, 0.5, 2.0])
# (name, keyword arguments, f(Z), f'(Z)), frozen from the formulas in the README.
BY_HAND = [
    ("tanh", {}, [-0.9640275800758169, -0.46211715726000974, 0.46211715726000974, 0.9640275800758169],
     [0.07065082485316443, 0.7864477329659274, 0.7864477329659274, 0.07065082485316443]),
    ("relu", {}, [0.0, 0.0, 0.5, 2.0], [0.0, 0.0, 1.0, 1.0]),
    ("leaky_relu", {"alpha": 0.1}, [-0.2, -0.05, 0.5, 2.0], [0.1, 0.1, 1.0, 1.0]),
    ("elu", {"alpha": 2.0}, [-1.7293294335267746, -0.7869386805747332, 0.5, 2.0],
     [0.2706705664732254, 1.2130613194252668, 1.0, 1.0]),
    ("swish", {}, [-0.2384058440442351, -0.18877033439907273, 0.3112296656009273, 1.7615941559557646],
     [-0.09078424878489547, 0.26003881269734824, 0.7399611873026518, 1.0907842487848955]),
    ("gelu", {}, [-0.04540230591222494, -0.15428599017485606, 0.34571400982514394, 1.954597694087775],
     [-0.08609925662361825, 0.13263009646535762, 0.8673699035346424, 1.0860992566236183]),
]

EXTREME = np.array([[-1000.0, -50.0], [50.0, 1000.0]])
# (name, keyword arguments, f(EXTREME), f'(EXTREME)); entries below 1e-20 are written as 0.
LIMITS = [
    ("sigmoid", {}, [[0.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]]),
    ("tanh", {}, [[-1.0, -1.0], [1.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]]),
    ("relu", {}, [[0.0, 0.0], [50.0, 1000.0]], [[0.0, 0.0], [1.0, 1.0]]),
    ("leaky_relu", {"alpha": 0.1}, [[-100.0, -5.0], [50.0, 1000.0]], [[0.1, 0.1], [1.0, 1.0]]),
    ("elu", {"alpha": 2.0}, [[-2.0, -2.0], [50.0, 1000.0]], [[0.0, 0.0], [1.0, 1.0]]),
    ("swish", {}, [[0.0, 0.0], [50.0, 1000.0]], [[0.0, 0.0], [1.0, 1.0]]),
    ("gelu", {}, [[0.0, 0.0], [50.0, 1000.0]], [[0.0, 0.0], [1.0, 1.0]]),
]

# (name, keyword arguments) of every activation whose derivative is checked numerically.
ACTIVATIONS = [
    ("sigmoid", {}), ("tanh", {}), ("relu", {}), ("leaky_relu", {"alpha": 0.2}),
    ("elu", {"alpha": 1.5}), ("swish", {}), ("gelu", {}),
]


def _call(sub, name, z, kwargs):
    return getattr(sub, name)(z, **kwargs)


def _label(name, kwargs):
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{name}(z{', ' + args if args else ''})"


@kata.check(points=2)
@given(z=kst.arrays(kst.shapes(2), -20.0, 20.0))
def sigmoid_values_and_stability(sub, ref, z):
    """sigmoid gives the right values, is finite at z = +-1000 and satisfies sigmoid(-z) = 1 - sigmoid(z)"""
    zs = np.array([-1000.0, -50.0, -2.0, 0.0, 2.0, 50.0, 1000.0])
    expected = np.array([0.0, 1.9287498479639178e-22, 0.11920292202211755, 0.5, 0.8807970779778823, 1.0, 1.0])
    assert_close(sub.sigmoid(zs), expected, name=f"sigmoid({zs.tolist()})")
    s = assert_array(sub.sigmoid(z), name="sigmoid(z)", shape=z.shape)
    assert_close(sub.sigmoid(-z), 1.0 - s, name="sigmoid(-z) compared with 1 - sigmoid(z)")


@kata.check(points=2)
def activation_values_by_hand(sub, ref):
    """tanh, relu, leaky_relu, elu, swish and gelu give the values worked out by hand at z = [-2, -0.5, 0.5, 2]"""
    for name, kwargs, values, _ in BY_HAND:
        assert_close(_call(sub, name, Z.copy(), kwargs), np.array(values), name=_label(name, kwargs) + f" at z = {Z.tolist()}")


@kata.check(points=1)
def derivative_values_by_hand(sub, ref):
    """every *_grad gives the derivative worked out by hand at z = [-2, -0.5, 0.5, 2] (and 0 where smooth)"""
    zero = np.array([0.0])
    for name, value in [("sigmoid", 0.25), ("tanh", 1.0), ("swish", 0.5), ("gelu", 0.5)]:
        assert_close(getattr(sub, name + "_grad")(zero), np.array([value]), name=f"{name}_grad(z) at z = [0.0]")
    for name, kwargs, _, grads in BY_HAND:
        assert_close(_call(sub, name + "_grad", Z.copy(), kwargs), np.array(grads),
                     name=_label(name + "_grad", kwargs) + f" at z = {Z.tolist()}")


KINK = np.array([[[0.0, -1.0], [1.0, 0.0]]])  # a 3-D array with the kink z = 0 twice
# (name, f(KINK), f'(KINK)) with the default alpha (0.01 for leaky_relu, 1.0 for elu), by hand from the README.
AT_THE_KINK = [
    ("relu", [[[0.0, 0.0], [1.0, 0.0]]], [[[0.0, 0.0], [1.0, 0.0]]]),
    ("leaky_relu", [[[0.0, -0.01], [1.0, 0.0]]], [[[0.01, 0.01], [1.0, 0.01]]]),
    ("elu", [[[0.0, -0.6321205588285577], [1.0, 0.0]]], [[[1.0, 0.36787944117144233], [1.0, 1.0]]]),
]


@kata.check(points=1)
def kink_and_default_alpha_by_hand(sub, ref):
    """relu, leaky_relu, elu and their derivatives at the kink z = 0 (the z <= 0 branch), with the default alpha,
    on a 3-D array"""
    where = (f" at z = {KINK.tolist()}, called without alpha (defaults 0.01 and 1.0); at z = 0 the README's "
             "convention takes the z <= 0 branch")
    for name, values, grads in AT_THE_KINK:
        assert_close(getattr(sub, name)(KINK.copy()), np.array(values), name=f"{name}(z)" + where)
        assert_close(getattr(sub, name + "_grad")(KINK.copy()), np.array(grads), name=f"{name}_grad(z)" + where)


@kata.check(points=2)
def extreme_inputs_stay_finite(sub, ref):
    """every function keeps a 2-D shape and gives finite limits at z = +-50 and +-1000"""
    for name, kwargs, values, grads in LIMITS:
        where = f" at z = {EXTREME.tolist()} (overflow in exp gives inf or NaN: see the README's section on stability)"
        assert_close(_call(sub, name, EXTREME.copy(), kwargs), np.array(values), name=_label(name, kwargs) + where)
        assert_close(_call(sub, name + "_grad", EXTREME.copy(), kwargs), np.array(grads),
                     name=_label(name + "_grad", kwargs) + where)


@kata.check(points=3, max_examples=5)
@given(z=kst.arrays(st.tuples(kst.dims(1, 2), kst.dims(1, 3)), -3.0, 3.0, min_abs=0.1))
def derivatives_match_numerical_gradient(sub, ref, z):
    """every *_grad agrees with the numerical derivative of your activation"""
    ones = np.ones_like(z)
    for name, kwargs in ACTIVATIONS:
        grad = _call(sub, name + "_grad", z, kwargs)
        check_gradients(lambda z, name=name, kwargs=kwargs: _call(sub, name, z, kwargs), [z], [grad], ones,
                        names=[_label(name + "_grad", kwargs)])
