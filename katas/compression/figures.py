"""Figures of the compression kata for the HTML report: the int8 staircase and its error, yours and the reference's."""
import numpy as np

from graders import hookimpl
from graders.figures import attempt, curves

X = np.linspace(-0.7, 1.3, 400)
ZOOM = np.linspace(0.0, 0.05, 200)                           # about 6 steps of 2 / 255, quantized with X's range


def quantization_staircase(sub, ref):
    """dequantize(quantize(x)) on [-0.7, 1.3]: a zoom on [0, 0.05] shows the steps; the error stays within 1/2 step."""
    steps, errors = {"x itself": (ZOOM, ZOOM)}, {}
    for label, module in (("yours", sub), ("reference", ref)):
        if module is None:
            continue

        def round_trip(m=module):
            q, scale, zero_point = m.quantize(np.r_[X, ZOOM])
            return np.asarray(m.dequantize(q, scale, zero_point)), float(scale)

        found = attempt(round_trip)
        if isinstance(found, str):
            steps[f"{label}: {found}"] = (X[:0], X[:0])
            continue
        x_hat, scale = found
        steps[label] = (ZOOM, x_hat[len(X):])
        errors[f"{label}: (x_hat - x) / scale"] = (X, (x_hat[:len(X)] - X) / scale)
    errors["+- 1/2"] = (np.r_[X[0], X[-1], np.nan, X[0], X[-1]], np.r_[0.5, 0.5, np.nan, -0.5, -0.5])
    return curves({"zoom on [0, 0.05]: x_hat": steps,
                   "(x_hat - x) / scale": errors},
                  "int8 affine quantization of [-0.7, 1.3]")


@hookimpl
def register_figures(register):
    register("compression", "int8 staircase", quantization_staircase)
