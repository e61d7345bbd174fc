"""Mutant: leaky_relu_grad returns 0 for z <= 0 (the ReLU derivative), forgetting the slope alpha."""
import numpy as np

GELU_C = np.sqrt(2.0 / np.pi)
GELU_K = 0.044715


def sigmoid(z):
    """Logistic sigmoid 1 / (1 + exp(-z)), stable for large |z|.

    z: float64 array, any shape. Returns float64 array, same shape, values in [0, 1].
    """
    z = np.asarray(z, dtype=np.float64)
    # exp of a non-positive number never overflows: use exp(-|z|) on both branches.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z):
    """Derivative of sigmoid at z: s * (1 - s) with s = sigmoid(z). Same shape as z."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent. Same shape as z, values in [-1, 1]."""
    return np.tanh(np.asarray(z, dtype=np.float64))


def tanh_grad(z):
    """Derivative of tanh at z: 1 - tanh(z)**2. Same shape as z."""
    t = np.tanh(np.asarray(z, dtype=np.float64))
    return 1.0 - t * t


def relu(z):
    """max(z, 0). Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, 0.0)


def relu_grad(z):
    """1 where z > 0, else 0 (0 at z == 0). Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    """z where z > 0, alpha * z elsewhere. Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z, alpha=0.01):
    """1 where z > 0, alpha elsewhere. Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, 0.0)


def elu(z, alpha=1.0):
    """z where z > 0, alpha * (exp(z) - 1) elsewhere. Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def elu_grad(z, alpha=1.0):
    """1 where z > 0, alpha * exp(z) elsewhere. Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


def swish(z):
    """Swish / SiLU: z * sigmoid(z). Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    return z * sigmoid(z)


def swish_grad(z):
    """Derivative of swish: s + z * s * (1 - s) with s = sigmoid(z). Same shape as z."""
    z = np.asarray(z, dtype=np.float64)
    s = sigmoid(z)
    return s + z * s * (1.0 - s)


def gelu(z):
    """GELU, tanh approximation: 0.5 * z * (1 + tanh(c * (z + 0.044715 * z**3))), c = sqrt(2/pi)."""
    z = np.asarray(z, dtype=np.float64)
    t = np.tanh(GELU_C * (z + GELU_K * z**3))
    return 0.5 * z * (1.0 + t)


def gelu_grad(z):
    """Derivative of the tanh-approximation GELU. Same shape as z.

    With u = c * (z + 0.044715 z^3) and t = tanh(u):
    0.5 * (1 + t) + 0.5 * z * (1 - t^2) * c * (1 + 3 * 0.044715 * z^2).
    """
    z = np.asarray(z, dtype=np.float64)
    t = np.tanh(GELU_C * (z + GELU_K * z**3))
    du = GELU_C * (1.0 + 3.0 * GELU_K * z**2)
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * du
