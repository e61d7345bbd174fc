"""Hidden checks of the activations kata: comparisons with the reference on drawn inputs."""
import numpy as np
from hypothesis import example, given, strategies as st

from graders import assert_close, strategies as kst

from . import kata


def _compare(sub, ref, name, z, kwargs):
    args = ", ".join(f"{k}={v:.4g}" for k, v in kwargs.items())
    label = f"{name}(z{', ' + args if args else ''})"
    for fn in (name, name + "_grad"):
        got = getattr(sub, fn)(z, **kwargs)
        expected = getattr(ref, fn)(z, **kwargs)
        assert_close(got, expected, name=label.replace(name, fn, 1))


# 1-D, 2-D and 3-D inputs; min_abs keeps values off the kinks at 0.
inputs = st.one_of(
    kst.arrays(kst.shapes(1, 1, 6), -8.0, 8.0, min_abs=1e-3),
    kst.arrays(kst.shapes(2, 1, 5), -8.0, 8.0, min_abs=1e-3),
    kst.arrays(kst.shapes(3, 1, 3), -8.0, 8.0, min_abs=1e-3),
)


@kata.check(points=2, hidden=True)
@given(z=inputs)
def sigmoid_tanh_relu_match_reference(sub, ref, z):
    """sigmoid, tanh, relu and their derivatives match the reference"""
    for name in ("sigmoid", "tanh", "relu"):
        _compare(sub, ref, name, z, {})


@kata.check(points=2, hidden=True)
@given(z=inputs, leaky=st.floats(0.001, 0.5), alpha=st.floats(0.1, 3.0))
def leaky_relu_elu_match_reference(sub, ref, z, leaky, alpha):
    """leaky_relu and elu and their derivatives match the reference for any alpha"""
    _compare(sub, ref, "leaky_relu", z, {"alpha": leaky})
    _compare(sub, ref, "elu", z, {"alpha": alpha})


@kata.check(points=2, hidden=True)
@given(z=inputs)
def swish_gelu_match_reference(sub, ref, z):
    """swish, gelu and their derivatives match the reference"""
    for name in ("swish", "gelu"):
        _compare(sub, ref, name, z, {})


@kata.check(points=2, hidden=True, max_examples=10)
@given(z=kst.arrays(kst.shapes(2, 1, 6), -800.0, 800.0))
@example(z=np.array([[[0.0, -2.0, 0.0], [3.0, 0.0, -0.5]]]))  # the kink z = 0, a 3-D array
def extreme_inputs_match_reference(sub, ref, z):
    """every function and derivative matches the reference for |z| up to 800, at z = 0 and with the default alpha"""
    for name, kwargs in [("sigmoid", {}), ("tanh", {}), ("relu", {}), ("leaky_relu", {"alpha": 0.05}),
                         ("elu", {"alpha": 1.3}), ("leaky_relu", {}), ("elu", {}), ("swish", {}), ("gelu", {})]:
        _compare(sub, ref, name, z, kwargs)
