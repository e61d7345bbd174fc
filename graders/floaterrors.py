"""Say where a NaN or an infinity in a wrong result was produced, and by what.

The worker records, for each call, the first floating-point error of each kind
in the submission's own code (``graders/sandbox/fperrors.py``); the sandbox
keeps them per call of the current example (``Sandbox.float_errors``). When a
comparison fails because a result holds a NaN or an infinity the check did not
expect (``CheckFailed.nonfinite``), the runner replaces the comparison's guess
at the usual causes by ``explain(...)``: the file, line and source line where
each kind first appeared and what produces it there. An infinity that the
student's code produces and handles (``-inf`` masks before a softmax) is never
explained, because no comparison fails on it.
"""
from __future__ import annotations

import re

from graders.sandbox.proxy import FloatError

NUMPY_NAMES = {"invalid": "invalid value", "divide": "divide by zero", "overflow": "overflow"}


def explain(errors: list[FloatError]) -> str:
    """One sentence: where each kind of error first appeared in a call, in order, and its likely operation.

    ``[]`` gives "". Shapes: none; ``errors`` come from one call, at most one per kind.
    """
    parts = []
    for number, error in enumerate(errors[:2]):
        value = "NaN" if error.kind == "invalid" else "inf"
        where = f"{error.file} line {error.line}" + (f" (`{error.code}`)" if error.code else "")
        lead = f"{value} first appears in your code at {where}" if number == 0 else f"then {value} at {where}"
        parts.append(f"{lead}: {_cause(error)} (\"{NUMPY_NAMES[error.kind]}\")")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _cause(error: FloatError) -> str:
    code = error.code
    calls = set(re.findall(r"\b(sqrt|log|log2|log10|log1p|exp|expm1|power|arccos|arcsin|arctanh|divide)\s*\(", code))
    if error.kind == "invalid":
        if "sqrt" in calls:
            return "the square root of a negative number"
        if calls & {"log", "log2", "log10", "log1p"}:
            return "the log of a negative number"
        if calls & {"arccos", "arcsin", "arctanh"}:
            return "an inverse trigonometric function outside its domain"
        return "0/0, inf - inf or 0 * inf"
    if error.kind == "divide":
        if calls & {"log", "log2", "log10"}:
            return "log(0) is -inf (add a small epsilon, or work with logits)"
        return "a division by zero"
    if calls & {"exp", "expm1"}:
        return "exp of a large number overflows float64 (subtract the maximum first)"
    if "**" in code or "power" in calls:
        return "a power too large for float64"
    return "a result too large for float64"
