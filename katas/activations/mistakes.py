"""Known mistakes of the activations kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="elu_grad_missing_alpha",
        says="elu_grad returns exp(z) for z <= 0, forgetting the factor alpha",
        culprits=("elu_grad",),
        edit=replace("return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))",
                "return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))"),
    ),
    Mistake(
        id="gelu_exact_erf",
        says="gelu uses the exact erf form 0.5 z (1 + erf(z / sqrt 2)) instead of the tanh approximation the kata "
             "asks for",
        culprits=("gelu", "gelu_grad"),
        edit=(
            replace("import numpy as np", "import math\nimport numpy as np"),
            replace(
                "    t = np.tanh(GELU_C * (z + GELU_K * z**3))\n"
                "    return 0.5 * z * (1.0 + t)",
                "    erf = np.vectorize(math.erf, otypes=[np.float64])\n"
                "    return 0.5 * z * (1.0 + erf(z / math.sqrt(2.0)))",
            ),
        ),
    ),
    Mistake(
        id="gelu_grad_missing_inner_derivative",
        says="gelu_grad drops the derivative of the cubic inside tanh (uses c instead of c * (1 + 3 * 0.044715 "
             "z^2))",
        culprits=("gelu_grad",),
        edit=replace("du = GELU_C * (1.0 + 3.0 * GELU_K * z**2)", "du = GELU_C"),
    ),
    Mistake(
        id="leaky_relu_grad_zero_slope",
        says="leaky_relu_grad returns 0 for z <= 0 (the ReLU derivative), forgetting the slope alpha",
        culprits=("leaky_relu_grad",),
        edit=replace("return np.where(z > 0, 1.0, float(alpha))", "return np.where(z > 0, 1.0, 0.0)"),
    ),
    Mistake(
        id="sigmoid_exp_ratio",
        says="sigmoid computed as exp(z) / (1 + exp(z)), which overflows to NaN for large positive z",
        culprits=("sigmoid",),
        edit=replace(
            "    e = np.exp(-np.abs(z))\n"
            "    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))",
            "    e = np.exp(z)\n"
            "    return e / (1.0 + e)",
        ),
    ),
    Mistake(
        id="swish_grad_no_product_rule",
        says="swish_grad returns sigmoid(z), forgetting the product rule for z * sigmoid(z)",
        culprits=("swish_grad",),
        edit=replace("    s = sigmoid(z)\n    return s + z * s * (1.0 - s)", "    return sigmoid(z)"),
    ),
    Mistake(
        id="tanh_grad_of_input",
        says="tanh_grad uses 1 - z**2 (the input) instead of 1 - tanh(z)**2",
        culprits=("tanh_grad",),
        edit=replace(
            "    t = np.tanh(np.asarray(z, dtype=np.float64))\n"
            "    return 1.0 - t * t",
            "    z = np.asarray(z, dtype=np.float64)\n"
            "    return 1.0 - z * z",
        ),
    ),
    Mistake(
        id="relu_grad_one_at_zero",
        says="relu_grad returns 1 at z = 0 (z >= 0), not the README's z <= 0 branch",
        culprits=("relu_grad",),
        edit=replace("return np.where(z > 0, 1.0, 0.0)", "return np.where(z >= 0, 1.0, 0.0)"),
    ),
    Mistake(
        id="leaky_relu_default_alpha_keras",
        says="leaky_relu and leaky_relu_grad default to alpha = 0.3 (Keras' default) instead of 0.01",
        culprits=("leaky_relu",),
        edit=(replace("def leaky_relu(z, alpha=0.01):", "def leaky_relu(z, alpha=0.3):"),
              replace("def leaky_relu_grad(z, alpha=0.01):", "def leaky_relu_grad(z, alpha=0.3):")),
    ),
    Mistake(
        id="relu_zeroes_its_input_in_place",
        says="relu sets the negative entries of z to 0 in place (z[z < 0] = 0) and returns z: the caller's z is "
             "changed",
        culprits=("relu",),
        edit=replace("    z = np.asarray(z, dtype=np.float64)\n    return np.where(z > 0, z, 0.0)",
                     "    z = np.asarray(z, dtype=np.float64)\n    z[z < 0] = 0\n    return z"),
    ),
]
