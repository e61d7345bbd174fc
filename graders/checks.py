"""Comparisons that explain themselves.

Every helper raises ``CheckFailed`` with a message written for a learner:
what was compared, what was expected, what came back and where they differ
most. Values returned by student code are validated strictly: an exact
``np.ndarray`` (no subclass, no object dtype), the exact shape (no
broadcasting scalars or ``(1, 1)`` arrays), finite where expected is finite.
"""
from __future__ import annotations

import re
from numbers import Real
from typing import Any, Callable, Mapping, Sequence, TypeVar

import numpy as np

from graders.describe import describe, shape_of
from graders.remarks import remark
from graders.sandbox.proxy import Handle

RTOL = 1e-6
ATOL = 1e-8
# said when a result holds a NaN or an infinity and the worker saw no floating-point error to say where it came from;
# the runner replaces it by where and how it was produced when it knows (graders/floaterrors.py)
NONFINITE_GUESS = "Overflow in exp (subtract the maximum first), log(0) or a division by zero is the usual cause."
F = TypeVar("F", bound=Callable[..., Any])


class CheckFailed(AssertionError):
    """A check's verdict: the submission is wrong, and the message says how.

    Comparisons also attach what they compared (``name``, ``expected``, ``got``
    as float64 arrays), which the HTML report draws as heatmaps.
    """

    def __init__(self, message: str = "", *, name: str = "", expected: Any = None, got: Any = None,
                 nonfinite: bool = False, strength: float | None = None) -> None:
        super().__init__(message)
        self.name, self.expected, self.got = name, expected, got
        self.nonfinite = nonfinite  # ``got`` holds a NaN or an infinity where a finite value was expected
        self.strength = strength  # how wrong ``got`` is, relative to the scale of ``expected`` (None: unknown)


def fail(message: str) -> None:
    """Fail the current check with ``message``."""
    raise CheckFailed(message)


def assert_array(
    got: Any,
    *,
    name: str,
    shape: Sequence[int] | None = None,
    kind: str = "f",
    finite: bool = True,
) -> np.ndarray:
    """Check ``got`` is a plain ndarray of dtype kind ``kind`` ('f' float64, 'i' integer, 'b' bool,
    'n' any real number) and, when given, exactly ``shape``. Returns it."""
    if type(got) is not np.ndarray:
        want = f"an array of shape {tuple(shape)}" if shape is not None else "a NumPy array"
        hint = ""
        if isinstance(got, (list, tuple)):
            hint = " Wrap it with np.asarray(...) or build it with NumPy operations."
        elif isinstance(got, (Real, np.generic)):
            hint = " A scalar is not an array: keep the dimensions (check any sum/mean over an axis)."
        raise CheckFailed(f"{name}: expected {want}, got {shape_of(got)}: {describe(got, 120)}.{hint}")
    if shape is not None and tuple(got.shape) != tuple(shape):
        raise CheckFailed(f"{name}: wrong shape: expected {tuple(shape)}, got {tuple(got.shape)}.{_shape_hint(got.shape, shape)}")
    _check_kind(got, name, kind)
    if finite and got.dtype.kind == "f" and not np.all(np.isfinite(got)):
        bad = np.argwhere(~np.isfinite(got))[0]
        where = tuple(int(i) for i in bad)
        raise CheckFailed(f"{name}: contains NaN or Inf (first at index {list(where)}: {got[where]}). {NONFINITE_GUESS}",
                          name=name, got=got, nonfinite=True)
    return got


def _check_kind(got: np.ndarray, name: str, kind: str) -> None:
    k = got.dtype.kind
    if kind == "f" and got.dtype != np.float64:
        raise CheckFailed(f"{name}: wrong dtype: expected float64, got {got.dtype}. Compute in float64 throughout.")
    if kind == "i" and k not in "iu":
        if not (k == "f" and np.all(np.isfinite(got)) and np.all(got == np.round(got))):
            raise CheckFailed(f"{name}: wrong dtype: expected integers, got {got.dtype}.")
    if kind == "b" and k != "b":
        raise CheckFailed(f"{name}: wrong dtype: expected bool, got {got.dtype}.")
    if kind == "n" and k not in "biuf":
        raise CheckFailed(f"{name}: wrong dtype: expected real numbers, got {got.dtype}.")


def _shape_hint(got: Sequence[int], want: Sequence[int]) -> str:
    got, want = tuple(got), tuple(want)
    if got == tuple(reversed(want)) and got != want:
        return " It looks transposed."
    if len(got) == len(want) + 1 and 1 in got:
        return " There is an extra axis of length 1: did you use keepdims=True?"
    if len(want) > 1 and got == want[1:]:
        return " The first (batch) axis is missing: did you sum or average over the batch axis?"
    if len(want) > 1 and got == want[:-1]:
        return " The last axis is missing: did you sum or average over it (keepdims=True keeps it)?"
    if len(got) + 1 == len(want):
        return " An axis is missing: did you sum or average over one axis too many?"
    if len(got) == len(want) and int(np.prod(got)) == int(np.prod(want)):
        return " Same number of elements in another shape: check the order of a reshape or of the axes."
    if len(got) == len(want) and sum(g != w for g, w in zip(got, want)) == 1:
        axis = next(i for i, (g, w) in enumerate(zip(got, want)) if g != w)
        return f" Axis {axis} has the wrong length: check which dimension that axis comes from."
    return ""


def assert_scalar(got: Any, *, name: str, finite: bool = True) -> float:
    """Check ``got`` is a real number (Python or NumPy scalar, or a 0-d array); return it as float."""
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "iuf":
        got = got[()]
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (Real, np.integer, np.floating)):
        raise CheckFailed(f"{name}: expected a number (a scalar), got {shape_of(got)}: {describe(got, 120)}.")
    value = float(got)
    if finite and not np.isfinite(value):
        raise CheckFailed(f"{name}: is {value}. {NONFINITE_GUESS}", name=name, got=np.array(value), nonfinite=True)
    return value


def assert_close(
    got: Any,
    expected: Any,
    *,
    name: str = "output",
    rtol: float = RTOL,
    atol: float = ATOL,
    mistakes: Mapping[str, Any] | None = None,
) -> None:
    """Check ``got`` matches ``expected`` (an array or a number) within ``atol + rtol * |expected|``.

    ``mistakes`` maps a sentence to what a known mistake returns (a value, or a function computing it):
    when ``got`` matches one, the sentence is added to the failure message.
    """
    try:
        if isinstance(expected, np.ndarray) and expected.ndim > 0:
            got = assert_array(got, name=name, shape=expected.shape, kind="f" if expected.dtype.kind == "f" else "n",
                               finite=bool(np.all(np.isfinite(expected))))
            _compare(got.astype(np.float64), expected.astype(np.float64), name, rtol, atol)
        else:
            value = assert_scalar(got, name=name, finite=bool(np.isfinite(expected)))
            _compare(np.array([value]), np.array([float(expected)]), name, rtol, atol)
    except CheckFailed as exc:
        found = known_mistake(got, mistakes, rtol, atol)
        if found:
            first, newline, rest = str(exc.args[0]).partition("\n")
            exc.args = (f"{first} Looks like: {found}{newline}{rest}",)
        raise


def known_mistake(got: Any, mistakes: Mapping[str, Any] | None, rtol: float = RTOL, atol: float = ATOL) -> str:
    """The sentence of the first mistake in ``mistakes`` whose value ``got`` matches, else ""."""
    for sentence, wrong in (mistakes or {}).items():
        try:
            wrong = wrong() if callable(wrong) else wrong
            if np.shape(got) == np.shape(wrong) and np.allclose(
                    np.asarray(got, dtype=np.float64), np.asarray(wrong, dtype=np.float64), rtol=rtol, atol=atol):
                return sentence
        except (TypeError, ValueError, ArithmeticError):
            continue
    return ""


def within(context: str, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``check(*args, **kwargs)`` (an ``assert_*`` helper, ``check_gradients``...), whose failure message starts
    with ``context``: the input it was given and what was expected, in a sentence. What the comparison attached
    for the HTML report (name, expected, got) is kept."""
    try:
        return check(*args, **kwargs)
    except CheckFailed as exc:
        message = exc.args[0] if exc.args else ""
        exc.args = (f"{context}\n{message}" if context else message, *exc.args[1:])
        raise


def diagnosis(pattern: str, hint: str) -> Callable[[F], F]:
    """Decorator for a check: when its failure message matches the regular expression ``pattern``,
    ``hint`` is added to it. Stack several; put them right under ``@kata.check(...)``."""
    compiled = re.compile(pattern)

    def decorate(func: F) -> F:
        func._ml_katas_diagnoses = [*getattr(func, "_ml_katas_diagnoses", []), (compiled, hint)]
        return func

    return decorate


def apply_diagnoses(func: Any, message: str) -> str:
    """``message`` with the hint of every ``@diagnosis`` of ``func`` that matches it."""
    hints = [hint for pattern, hint in getattr(func, "_ml_katas_diagnoses", []) if pattern.search(message)]
    return message + "".join(f"\nHint: {hint}" for hint in hints)


def assert_equal(got: Any, expected: Any, *, name: str = "output") -> None:
    """Check ``got`` equals ``expected`` exactly (labels, counts, integer or boolean arrays)."""
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        kind = {"b": "b", "i": "i", "u": "i"}.get(expected.dtype.kind, "n")
        got = assert_array(got, name=name, shape=expected.shape, kind=kind, finite=False)
        _compare(got.astype(np.float64), expected.astype(np.float64), name, 0.0, 0.0, shown=(got, expected),
                 integers=kind in "bi")
    elif isinstance(expected, (Real, np.generic)):
        value = assert_scalar(got, name=name, finite=False)
        _compare(np.array([value]), np.array([float(expected)]), name, 0.0, 0.0)
    elif got != expected:
        raise CheckFailed(f"{name}: expected {describe(expected, 200)}, got {describe(got, 200)}.")


def _compare(got: np.ndarray, expected: np.ndarray, name: str, rtol: float, atol: float,
             shown: tuple[np.ndarray, np.ndarray] | None = None, integers: bool = False) -> None:
    """Raise CheckFailed naming the worst element (the first, when exact); ``shown`` are the arrays to print,
    ``integers`` says they are labels, indices or counts (no remark on their values)."""
    with np.errstate(invalid="ignore"):  # inf - inf where both are inf: handled on the next lines
        err = np.abs(got - expected)
    err = np.where(np.isnan(got) & np.isnan(expected), 0.0, err)
    err = np.where(np.isinf(got) & (got == expected), 0.0, err)
    allowed = atol + rtol * np.where(np.isinf(expected), 0.0, np.abs(expected))  # an infinity is matched exactly
    bad = ~(err <= allowed)
    if not bad.any():
        return
    exact = rtol == atol == 0  # labels, indices, counts: the first difference says more than the largest
    scaled = np.where(bad, np.nan_to_num(err / np.maximum(allowed, 1e-300), nan=np.inf), -1.0)
    flat = int(np.argmax(bad)) if exact else int(np.argmax(scaled))
    idx = np.unravel_index(flat, expected.shape) if expected.ndim else ()
    e, g = expected[idx], got[idx]
    rel = f", rel error {abs(g - e) / abs(e):.3g}" if 1e-300 < abs(e) < np.inf else ""
    where = f" at index {[int(i) for i in idx]}" if expected.size > 1 else ""
    first = "first" if exact else "worst"
    count = f"{int(bad.sum())} of {expected.size} elements differ; {first}" if expected.size > 1 else "differs"
    if exact:
        message = f"{name}: {count}{where}: expected {e:.10g}, got {g:.10g}."
    else:
        message = (f"{name}: {count}{where}: expected {e:.10g}, got {g:.10g} "
                   f"(abs error {abs(g - e):.3g}{rel}; allowed {atol:g} + {rtol:g}*|expected|).")
    found = remark(got, expected, name=name, integers=integers)
    if found:
        message += f" {found}"
    if expected.size > 1:
        got_shown, expected_shown = shown or (got, expected)
        message += f"\n    expected: {describe(expected_shown)}\n    got:      {describe(got_shown)}"
    raise CheckFailed(message, name=name, expected=expected, got=got, strength=error_strength(got, expected, bad),
                      nonfinite=bool(np.any(~np.isfinite(got) & np.isfinite(expected))))


def error_strength(got: np.ndarray, expected: np.ndarray, bad: np.ndarray) -> float:
    """How wrong ``got`` is, comparable between examples of different sizes: the largest error among the ``bad``
    elements relative to the largest expected magnitude; inf where a NaN or an infinity is involved."""
    if not np.all(np.isfinite(got[bad])) or not np.all(np.isfinite(expected[bad])):
        return float("inf")
    if not np.any(bad):
        return 0.0
    finite = expected[np.isfinite(expected)]
    scale = float(np.max(np.abs(finite), initial=0.0))
    return float(np.max(np.abs(got[bad] - expected[bad])) / max(scale, 1e-300))


def expect_fitted(got: Any, *, call: str, then: str) -> Any:
    """Check that ``call`` (a ``fit``) returned the model, an object that lives in the worker; return it.

    ``then`` shows the chained use that needs it, e.g. ``"PCA(...).fit(X).transform(X)"``.
    """
    if not isinstance(got, Handle):
        raise CheckFailed(f"{call} should return self (the fitted model, so that {then} works), "
                          f"got {describe(got, 200)}.")
    return got


def expect_tuple(got: Any, names: Sequence[str], *, call: str) -> tuple:
    """Check a function returned a tuple of ``len(names)`` items and return it."""
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        n = len(names)
        raise CheckFailed(
            f"{call} should return a tuple of {n} items ({', '.join(names)}), got {shape_of(got)}"
            + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else "")
            + "."
        )
    return tuple(got)
