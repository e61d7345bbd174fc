"""Short, readable descriptions of values for feedback: small arrays printed, large ones summarised."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

SMALL_ARRAY = 24  # arrays with at most this many elements are printed in full
SMALL_LABELS = 64  # the same for integer and boolean arrays (labels, indices, masks): short to print, telling


def shape_of(value: Any) -> str:
    """``float64 (2, 3)`` for an array, the type name otherwise."""
    if isinstance(value, np.ndarray):
        return f"{value.dtype} {tuple(value.shape)}"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int"
    if isinstance(value, (float, np.floating)):
        return "float"
    return type(value).__name__


def describe(value: Any, limit: int = 400) -> str:
    """A one- or few-line rendering of ``value`` no longer than about ``limit`` characters."""
    if isinstance(value, np.ndarray):
        text = _describe_array(value)
    elif isinstance(value, dict):
        text = "{" + _joined((f"{k!r}: {describe(v, limit // 2)}" for k, v in value.items()), limit, len(value)) + "}"
    elif isinstance(value, (list, tuple)) and not _is_plain_sequence(value):
        inner = _joined((describe(v, limit // 2) for v in value), limit, len(value))
        text = f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    elif isinstance(value, (float, np.floating)):
        text = f"{float(value):.6g}"
    elif isinstance(value, (str, bytes)) and len(value) > limit:  # repr of the whole would cost its whole size
        text = repr(value[:limit])
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + " ...]"


def _joined(parts: Iterable[str], limit: int, count: int) -> str:
    """``", ".join(parts)``, stopping once ``limit`` characters are reached (a reply may hold a million items:
    describing it costs what is shown, not its size)."""
    shown, length, room = [], 0, limit - 30  # room for the count at the end
    for part in parts:
        length += len(part) + 2
        if length > room and shown:
            break
        shown.append(part)
    text = ", ".join(shown)
    return text + (f", ... ({count} items)" if len(shown) < count else "")


def _is_plain_sequence(value: Any) -> bool:
    return len(value) <= SMALL_ARRAY and all(isinstance(v, (int, float, bool, str)) for v in value)


def _describe_array(a: np.ndarray) -> str:
    small = SMALL_LABELS if a.dtype.kind in "biu" else SMALL_ARRAY
    if a.size <= small and a.ndim <= 3:
        with np.printoptions(precision=4, suppress=False, threshold=small, linewidth=100):  # 1e-9 is not 0.
            body = np.array2string(a, separator=", ")
        return f"array({body}) {shape_of(a)}" if a.ndim > 1 else f"array({body})"
    summary = f"array {shape_of(a)}"
    if a.size and a.dtype.kind in "biuf":
        finite = a[np.isfinite(a)] if a.dtype.kind == "f" else a
        if finite.size:
            summary += f", min {finite.min():.4g}, max {finite.max():.4g}, mean {finite.mean():.4g}"
        bad = a.size - finite.size
        if bad:
            summary += f", {bad} NaN/Inf"
    return summary


def describe_call(name: str, args: tuple, kwargs: dict) -> str:
    """``affine_forward(x: float64 (2, 3), w: ..., stride=1)``: argument shapes, small values as is."""
    parts = [_arg(v) for v in args] + [f"{k}={_arg(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _arg(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return shape_of(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_arg(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)) and len(value) > 4:
        return f"{type(value).__name__} of {len(value)}"
    text = describe(value, 60)
    return text
