"""Activation functions and their derivatives.

Every function is element-wise: it takes a float64 array ``z`` of any shape
and returns a new float64 array of the same shape. ``*_grad(z)`` is the
derivative of the activation evaluated at ``z`` (not at its output).

Inputs are never changed in place. See katas/activations/README.md.
"""
import numpy as np


def sigmoid(z):
    """Logistic sigmoid 1 / (1 + exp(-z)), stable for large |z|.

    z: float64 array, any shape. Returns float64 array, same shape, values in [0, 1].
    """
    raise NotImplementedError


def sigmoid_grad(z):
    """Derivative of sigmoid at z: s * (1 - s) with s = sigmoid(z). Same shape as z."""
    raise NotImplementedError


def tanh(z):
    """Hyperbolic tangent. Same shape as z, values in [-1, 1]."""
    raise NotImplementedError


def tanh_grad(z):
    """Derivative of tanh at z: 1 - tanh(z)**2. Same shape as z."""
    raise NotImplementedError


def relu(z):
    """max(z, 0). Same shape as z."""
    raise NotImplementedError


def relu_grad(z):
    """1 where z > 0, else 0 (0 at z == 0). Same shape as z."""
    raise NotImplementedError


def leaky_relu(z, alpha=0.01):
    """z where z > 0, alpha * z elsewhere. Same shape as z."""
    raise NotImplementedError


def leaky_relu_grad(z, alpha=0.01):
    """1 where z > 0, alpha elsewhere. Same shape as z."""
    raise NotImplementedError


def elu(z, alpha=1.0):
    """z where z > 0, alpha * (exp(z) - 1) elsewhere. Same shape as z."""
    raise NotImplementedError


def elu_grad(z, alpha=1.0):
    """1 where z > 0, alpha * exp(z) elsewhere. Same shape as z."""
    raise NotImplementedError


def swish(z):
    """Swish / SiLU: z * sigmoid(z). Same shape as z."""
    raise NotImplementedError


def swish_grad(z):
    """Derivative of swish at z (work it out with the product rule). Same shape as z."""
    raise NotImplementedError


def gelu(z):
    """GELU, tanh approximation: 0.5 * z * (1 + tanh(c * (z + 0.044715 * z**3))), c = sqrt(2/pi)."""
    raise NotImplementedError


def gelu_grad(z):
    """Derivative of the tanh-approximation GELU at z (product and chain rules). Same shape as z."""
    raise NotImplementedError
