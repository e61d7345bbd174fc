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
from typing import Any

import numpy as np

from graders.checks import NONFINITE_GUESS, CheckFailed
from graders.sandbox.proxy import FloatError, Sandbox

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


def explain_nonfinite(compared: CheckFailed | None, message: str, call: str, sandbox: Sandbox) -> str:
    """``message`` saying where the NaN or inf of a wrong result was produced, when the worker saw it happen.

    ``compared`` is the comparison that failed (None for other failures), ``call`` the call that returned the
    value it found wrong ("" when unknown); ``sandbox`` holds the current example's calls and their errors.
    A failure about a value holding an unexpected NaN or inf (``CheckFailed.nonfinite``) is explained from the
    floating-point errors of that call (else of the last call that returned a non-finite value and had errors):
    the guess at usual causes is replaced by what happened. A check's own message that speaks of a NaN or Inf
    gets the errors of the last call that returned one. A wrong value whose call produced a NaN on the way (a
    NaN distance makes argmin return 0) gets where that NaN appeared. An infinity the code produced and handled
    (a -inf mask) is never mentioned.
    """
    errors = dict(sandbox.float_errors)
    nonfinite_calls = [c for c, value in sandbox.returned if c in errors and _holds_nonfinite(value)]
    if compared is None or not compared.nonfinite:
        if re.search(r"\b(NaN|Inf)\b", message) and nonfinite_calls:  # a check's own words about a NaN
            return f"{message}\n{explain(errors[nonfinite_calls[-1]])}"
        nans = [e for e in errors.get(call, []) if e.kind == "invalid"] if compared is not None else []
        return f"{message}\n{explain(nans)}" if nans else message  # a NaN inside the call that was wrong
    found = errors.get(call, [])
    if not found and not call:
        found = errors[nonfinite_calls[-1]] if nonfinite_calls else []
    if found:
        text = explain(found)
    elif call:
        text = ("NumPy reported no overflow, division by zero or invalid operation in your code during this call "
                "(unless np.errstate silenced it): look for a NaN or inf written as such (np.nan, np.inf, a -inf "
                "mask) that reaches the result.")
    else:
        return message
    return message.replace(NONFINITE_GUESS, text) if NONFINITE_GUESS in message else f"{message}\n{text}"


def _holds_nonfinite(value: Any) -> bool:
    """Whether ``value`` (an array, a number, or tuples, lists and dicts of them) holds a NaN or an infinity."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "fc" and not bool(np.all(np.isfinite(value)))
    if isinstance(value, float):
        return not np.isfinite(value)
    items = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else ()
    return any(_holds_nonfinite(item) for item in items)
