"""Heuristic remarks on a wrong value ("the sign is flipped", "off by a constant factor"...), said only when true.

A remark is a guess at the kind of mistake from one comparison of ``got`` with
``expected``. On the small examples hypothesis shrinks to, many guesses hold by
accident: every error looks like a constant factor when all expected values are
equal, every matrix is its own transpose when it is symmetric. So:

- On one example a remark is a *candidate* only when it holds and the example can
  tell it from other mistakes (``informative``): a constant factor needs two
  distinct non-zero expected values, a transpose a square that is not symmetric,
  a flipped sign or all zeros a non-zero expected value. Integer and boolean
  results (labels, indices, counts) get no "all zeros" and no constant factor:
  0 is a valid index or count, and a ratio of labels means nothing.
- While a check runs under the runner, every candidate is recorded in ``REMARKS``
  (one list per example). The runner keeps a remark in the final message only if
  the same kind held on at least two distinct failing examples hypothesis saw for
  that check and was refuted on none of them (``unconfirmed``); a check without
  hypothesis (fixed examples, chosen to be informative) keeps its candidates.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Remark:
    """One candidate remark: ``kind`` (zeros, sign, factor, transpose), ``key`` (kind and output), ``text``."""

    kind: str
    key: str
    text: str


# While it holds a list, remark() appends every candidate of the current example to it (the runner sets it).
REMARKS: ContextVar[list[Remark] | None] = ContextVar("ml_katas_remarks", default=None)
MIN_CONFIRMING = 2  # informative failing examples a remark must have held on
INTEGER_LEGITIMATE = ("zeros", "factor")  # on labels, indices and counts, 0 is a value like any other, a ratio means nothing


def remark(got: np.ndarray, expected: np.ndarray, *, name: str = "", rtol: float = 1e-6,
           integers: bool = False) -> str:
    """The remark on ``got`` (float64, same shape as ``expected``), or "" when none holds informatively.

    ``integers``: the values are labels, indices or counts: no "all zeros" (0 is a valid index or count) and
    no constant factor on them, only a flipped sign or a transpose. Under the runner, every kind
    this example can tell is recorded in ``REMARKS``: held (with its text) or refuted (text "").
    """
    if got.size < 2 or got.shape != expected.shape:
        return ""
    if not (np.all(np.isfinite(got)) and np.all(np.isfinite(expected))) or not np.any(expected):
        return ""
    verdicts = [v for v in _verdicts(got, expected, rtol) if not (integers and v[0] in INTEGER_LEGITIMATE)]
    log = REMARKS.get()
    if log is not None:
        log.extend(Remark(kind, remark_key(kind, name), text) for kind, text in verdicts)
    return next((text for _, text in verdicts if text), "")


def _verdicts(got: np.ndarray, expected: np.ndarray, rtol: float) -> list[tuple[str, str]]:
    """(kind, text if it holds else "") for every kind this example is informative about, in order of precedence."""
    close = lambda a, b: bool(np.allclose(a, b, rtol=rtol, atol=1e-9))  # noqa: E731
    verdicts = [("zeros", "" if np.any(got) else "Your result is all zeros."),
                ("sign", "The sign is flipped." if close(got, -expected) else "")]
    nonzero = expected != 0
    if _distinct(expected[nonzero]) >= 2:
        with np.errstate(all="ignore"):
            ratio = float(np.median(got[nonzero] / expected[nonzero]))
        holds = (np.isfinite(ratio) and abs(ratio) > 1e-12 and abs(ratio - 1) > 1e-3
                 and close(got, ratio * expected))
        verdicts.append(("factor", f"It is off by a constant factor of {ratio:.6g} (a missing or extra scale or "
                                   "1/N?)." if holds else ""))
    if got.ndim == 2 and got.shape[0] == got.shape[1] and not close(expected, expected.T):
        verdicts.append(("transpose", "It matches the transpose of what was expected." if close(got, expected.T)
                         else ""))
    held = [v for v in verdicts if v[1]]
    first = held[0][0] if held else None  # only the first kind that holds is said; the others are not refuted
    return [(kind, text if kind == first else "") for kind, text in verdicts if kind == first or not text]


def _distinct(values: np.ndarray) -> int:
    """How many values differ from each other by more than 1e-6 relatively."""
    ordered = np.sort(values.ravel())
    if ordered.size < 2:
        return int(ordered.size)
    gaps = np.diff(ordered) > 1e-6 * np.maximum(np.abs(ordered[1:]), np.abs(ordered[:-1]))
    return 1 + int(gaps.sum())


def remark_key(kind: str, name: str) -> str:
    """What makes two examples' remarks comparable: the kind, and the output's name without its numbers."""
    return f"{kind}:{_stable(name)}"


def _stable(name: str) -> str:
    """``name`` without what an example puts in it (arguments in parentheses, numbers), so examples share a key:
    ``xavier_uniform((3, 3, 2), rng=5): out`` and ``xavier_uniform((4, 2), rng=7): out`` are the same output."""
    previous = None
    while previous != name:
        previous, name = name, re.sub(r"\([^()]*\)", "", name)
    return re.sub(r"[-+]?\d[\d.eE+-]*", "#", name)


def unconfirmed(final: list[Remark], seen: list[list[Remark]]) -> list[Remark]:
    """The remarks said on the final example of a hypothesis check that the failing examples do not confirm.

    ``seen``: what ``remark`` recorded on each distinct failing example (the final one included). A remark is
    confirmed when its kind held, for the same output, on at least ``MIN_CONFIRMING`` failing examples and was
    refuted on none (an example that could not tell, or failed for another reason, neither confirms nor refutes).
    """
    wrong = []
    for said in (r for r in final if r.text):
        held = sum(any(r.key == said.key and r.text for r in remarks) for remarks in seen)
        refuted = any(r.key == said.key and not r.text for remarks in seen for r in remarks)
        if held < MIN_CONFIRMING or refuted:
            wrong.append(said)
    return wrong


def confirmed_elsewhere(final: list[Remark], seen: list[list[Remark]]) -> list[Remark]:
    """Remarks confirmed by the failing examples (held on ``MIN_CONFIRMING``, refuted on none) that the final
    example could not tell (it is too small): to be said of the larger examples. A factor is said without its
    value, which may differ from example to example (1/N)."""
    keys = {r.key for r in final}
    found: dict[str, list[Remark]] = {}
    for remarks in seen:
        for r in remarks:
            if r.key not in keys:
                found.setdefault(r.key, []).append(r)
    return [Remark(items[0].kind, key, re.sub(r" of -?[\d.e+-]+ \(", " (", items[0].text))
            for key, items in found.items() if len(items) >= MIN_CONFIRMING and all(r.text for r in items)]


def without(message: str, remarks: list[Remark]) -> str:
    """``message`` with the text of each of ``remarks`` removed."""
    for item in remarks:
        message = message.replace(f" {item.text}", "").replace(item.text, "")
    return message
