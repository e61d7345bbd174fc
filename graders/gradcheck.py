"""Numerical gradient checks (central differences, float64).

The scalar being differentiated is ``L = sum_k sum(out_k * dout_k)`` where
``out_k`` are the outputs of ``forward(*inputs)``, so an analytic backward
called with ``dout`` must return exactly ``dL/dinput``. Small tensors are
checked element by element; larger ones along a few random unit directions
(a directional derivative costs two forward calls whatever the size).
Relative error: ``max|a - n| / max(|a| + |n|, tiny)``, passing below ``tol``.
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Callable, Sequence

import numpy as np

from graders.checks import CheckFailed, assert_array
from graders.remarks import remark

H = 1e-6
TOL = 1e-6
MAX_ELEMENTWISE = 64
N_DIRECTIONS = 3
TINY = 1e-12

# While it holds a list, check_gradients checks every gradient and appends {"names", "errors", "tol"} to it.
GRADIENT_RECORD: ContextVar[list | None] = ContextVar("ml_katas_gradient_record", default=None)


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """``max|a - n| / max(max(|a| + |n|), tiny)``: 0 for a perfect match, 1 for unrelated values."""
    a, n = np.asarray(analytic, float), np.asarray(numeric, float)
    return float(np.max(np.abs(a - n), initial=0.0) / max(float(np.max(np.abs(a) + np.abs(n), initial=0.0)), TINY))


def _as_outputs(out: Any) -> list[np.ndarray]:
    items = list(out) if isinstance(out, (tuple, list)) else [out]
    return [assert_array(o, name="forward output", kind="n") for o in items]


def _loss(forward: Callable[..., Any], inputs: list[np.ndarray], douts: list[np.ndarray]) -> float:
    outs = _as_outputs(forward(*inputs))
    if len(outs) != len(douts) or any(o.shape != d.shape for o, d in zip(outs, douts)):
        raise CheckFailed(
            "forward output changed shape between calls: got "
            f"{[o.shape for o in outs]}, expected {[d.shape for d in douts]}."
        )
    return float(sum(np.sum(o * d) for o, d in zip(outs, douts)))


def numerical_gradient(
    forward: Callable[..., Any],
    inputs: Sequence[np.ndarray],
    douts: Any,
    index: int,
    h: float = H,
) -> np.ndarray:
    """dL/d inputs[index], element by element, by central differences."""
    inputs = [np.array(x, dtype=np.float64) for x in inputs]
    douts = [np.asarray(d, np.float64) for d in (douts if isinstance(douts, (tuple, list)) else [douts])]
    x = inputs[index]
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = _loss(forward, inputs, douts)
        x[i] = old - h
        minus = _loss(forward, inputs, douts)
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def directional_derivative(
    forward: Callable[..., Any], inputs: Sequence[np.ndarray], douts: Any, index: int, direction: np.ndarray, h: float = H
) -> float:
    """dL/dt of L(inputs[index] + t * direction) at t = 0, by central differences."""
    douts = [np.asarray(d, np.float64) for d in (douts if isinstance(douts, (tuple, list)) else [douts])]
    plus = [np.array(x, dtype=np.float64) for x in inputs]
    minus = [np.array(x, dtype=np.float64) for x in inputs]
    plus[index] = plus[index] + h * direction
    minus[index] = minus[index] - h * direction
    return (_loss(forward, plus, douts) - _loss(forward, minus, douts)) / (2 * h)


def check_gradients(
    forward: Callable[..., Any],
    inputs: Sequence[np.ndarray],
    grads: Sequence[Any],
    douts: Any,
    *,
    names: Sequence[str],
    tol: float = TOL,
    h: float = H,
    max_elementwise: int = MAX_ELEMENTWISE,
    n_directions: int = N_DIRECTIONS,
    seed: int = 0,
) -> None:
    """Check analytic ``grads`` (one per input; ``None`` skips an input) against ``forward``.

    ``forward(*inputs)`` returns an array or a tuple of arrays, ``douts`` the
    matching upstream gradient(s). ``names`` label the gradients in messages
    (``"dx"``, ``"dw"``...). Every gradient is checked; ``CheckFailed`` lists
    each one whose relative error exceeds ``tol``, worst first, names the right
    ones, and details the worst. While ``GRADIENT_RECORD`` holds a list (the
    HTML report asks for it), their relative errors are appended to it.
    """
    inputs = [np.asarray(x, dtype=np.float64) for x in inputs]
    rng = np.random.default_rng(seed)
    records = GRADIENT_RECORD.get()
    if records is not None:  # filled in as the gradients are checked, so a failure midway keeps what was found
        records.append({"names": [], "errors": [], "tol": tol})
    checked: list[tuple[str, float, str]] = []  # (name, relative error, failure message or "")
    for index, (x, grad, name) in enumerate(zip(inputs, grads, names)):
        if grad is None:
            continue
        grad = assert_array(grad, name=name, shape=x.shape)
        if x.size <= max_elementwise:
            err, problem = _elementwise_error(forward, inputs, douts, index, grad, name, tol, h)
        else:
            err, problem = _directional_error(forward, inputs, douts, index, grad, name, tol, h, n_directions, rng)
        if records is not None:
            records[-1]["names"].append(name)
            records[-1]["errors"].append(err)
        checked.append((name, err, problem))
    wrong = sorted((c for c in checked if c[2]), key=lambda c: -c[1])
    if wrong:
        raise CheckFailed(gradient_failure(wrong, [name for name, _, problem in checked if not problem]),
                          name=wrong[0][0], strength=wrong[0][1])


def gradient_failure(wrong: list[tuple[str, float, str]], right: list[str]) -> str:
    """Every wrong gradient with its relative error, worst first, the right ones, then the worst one in detail."""
    right_part = f"; right: {', '.join(right)}" if right else ""
    if len(wrong) == 1:
        head = f"Wrong gradient: {wrong[0][0]} (relative error {wrong[0][1]:.1e}){right_part}."
    else:
        listed = ", ".join(f"{name} ({err:.1e})" for name, err, _ in wrong)
        head = f"{len(wrong)} wrong gradients, worst first (relative error): {listed}{right_part}."
    return f"{head}\n{wrong[0][2]}"


def _elementwise_error(forward, inputs, douts, index, grad, name, tol, h) -> tuple[float, str]:
    """The relative error of ``grad`` against the element-wise numerical gradient, and the failure message."""
    x = inputs[index]
    numeric = numerical_gradient(forward, inputs, douts, index, h)
    err = relative_error(grad, numeric)
    if err <= tol:
        return err, ""
    worst = np.unravel_index(int(np.argmax(np.abs(grad - numeric))), x.shape) if x.ndim else ()
    return err, (
        f"{name} does not match the numerical gradient of your forward pass: relative error "
        f"{err:.2e} (allowed {tol:.0e}). Worst at index {[int(i) for i in worst]}: "
        f"numerical {numeric[worst]:.8g}, yours {grad[worst]:.8g}." + _gradient_hint(grad, numeric, name)
    )


def _directional_error(forward, inputs, douts, index, grad, name, tol, h, n_directions, rng) -> tuple[float, str]:
    """The largest relative error of ``grad`` along random unit directions, and the failure message."""
    x, worst = inputs[index], 0.0
    for _ in range(n_directions):
        u = rng.standard_normal(x.shape)
        u /= np.linalg.norm(u)
        numeric = directional_derivative(forward, inputs, douts, index, u, h)
        analytic = float(np.sum(grad * u))
        err = relative_error(np.array(analytic), np.array(numeric))
        worst = max(worst, err)
        if err > tol:
            return err, (
                f"{name} does not match the numerical gradient of your forward pass: along a random "
                f"direction the derivative is {numeric:.8g} numerically but {analytic:.8g} from {name} "
                f"(relative error {err:.2e}, allowed {tol:.0e})." + _gradient_hint(grad, None, name)
            )
    return worst, ""


def _gradient_hint(grad: np.ndarray, numeric: np.ndarray | None, name: str) -> str:
    if numeric is None:
        return " Your gradient is all zeros." if not np.any(grad) else ""
    found = remark(grad, numeric, name=name, rtol=1e-4)
    return f" {found}" if found else ""
