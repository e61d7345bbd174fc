"""Arguments changed in place: the grader's record, and the engine-provided check that grades it.

The worker compares every argument of every call with what was sent
(``graders/sandbox/inplace.py``) and reports each difference as plain data.
The sandbox keeps those reports per kata in an ``InPlaceLog``. Copies hide an
in-place change from every other check, so it costs the points of one check
only: ``leaves_its_inputs_unchanged``, which the engine adds (last) to every
kata with ``inputs_unchanged=True`` (the default). A kata whose API documents
an in-place contract lists the arguments that may change in
``Kata(changes_in_place={"function": ("argument",)})``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from graders.describe import describe

if TYPE_CHECKING:
    from graders.kata import Check, Kata

CHECK_NAME = "leaves_its_inputs_unchanged"
CHECK_TITLE = "leaves its inputs unchanged (nothing is changed in place)"
_WHAT = {"values", "shape", "replaced", "length", "added", "removed"}


@dataclass(frozen=True)
class InPlaceChange:
    """One argument that one call changed: ``function`` changed ``argument`` (at ``path`` inside it).

    ``what`` is ``values`` (then ``index``, ``old``, ``new`` name the first changed element and ``count``
    how many of ``size`` changed), ``shape`` (``old``/``new`` are shape and dtype), ``replaced`` (an array
    replaced by another object), ``length`` (a list grew or shrank), ``added`` or ``removed`` (a dict key).
    ``call`` describes the call (its argument shapes).
    """

    function: str
    argument: str
    path: str = ""
    what: str = "values"
    index: tuple[int, ...] = ()
    old: Any = None
    new: Any = None
    count: int = 0
    size: int = 0
    call: str = ""

    @property
    def where(self) -> str:
        return f"`{self.argument}{self.path}`"

    def sentence(self) -> str:
        """What changed, in one line: ``lstm_step_forward changed `prev_c` at index (0, 2): 0.5 -> 0.0``."""
        head = f"{self.function} changed {self.where}"
        if self.what == "values":
            index = f" at index ({', '.join(map(str, self.index))})" if self.index else ""
            share = f"; {self.count} of its {self.size} elements changed" if self.size > 1 else ""
            return f"{head}{index}: it was {describe(self.old)} before the call and {describe(self.new)} after{share}"
        if self.what == "shape":
            return f"{head}: it was an array of shape {self.old} before the call and {self.new} after"
        if self.what == "replaced":
            return f"{head}: an array the caller passed was replaced by another object"
        if self.what == "length":
            return f"{head}: the list had {self.old} items before the call and {self.new} after"
        if self.what == "added":
            return f"{head}: an entry was added to the caller's dict"
        return f"{head}: an entry was removed from the caller's dict"


def parse_changes(reported: Any, function: str, call: str) -> list[InPlaceChange]:
    """The worker's report on one call as InPlaceChange objects; anything malformed is dropped."""
    changes = []
    for item in reported[:8] if type(reported) is list else []:
        if type(item) is not dict or item.get("what") not in _WHAT or type(item.get("argument")) is not str:
            continue
        index = item.get("index", [])
        if type(index) is not list or not all(type(i) is int for i in index):
            index = []
        changes.append(InPlaceChange(
            function=function, argument=item["argument"][:80], path=str(item.get("path", ""))[:200],
            what=item["what"], index=tuple(index[:32]), old=_plain(item.get("old")), new=_plain(item.get("new")),
            count=_int(item.get("count")), size=_int(item.get("size")), call=call[:300],
        ))
    return changes


@dataclass(frozen=True)
class Origin:
    """Where a module's first in-place change was seen: the check that was running and its example (the
    keyword arguments it was called with), so that a diagnosis can replay that example on known mistakes."""

    check: str
    example: dict


@dataclass
class InPlaceLog:
    """Per kata (the module name in the worker): the changes seen, and the functions that returned.

    The runner sets ``running`` to the check being graded and ``example`` to a function giving its current
    example; the first change of a module records them as its ``origin``."""

    changes: dict[str, list[InPlaceChange]] = field(default_factory=dict)
    returned: dict[str, set[str]] = field(default_factory=dict)
    passed: set[str] = field(default_factory=set)  # kata modules where some other check passed
    origins: dict[str, list[Origin | None]] = field(default_factory=dict)  # one per change, in order
    running: str = ""
    example: Callable[[], dict] = dict

    def record(self, module: str, function: str, reported: Any, call: str) -> None:
        """A call of ``function`` (``name`` or ``Class.method``) returned; ``reported`` is the worker's report."""
        self.returned.setdefault(module, set()).add(function.partition(".")[0])
        if reported is not None:
            found = parse_changes(reported, function, call)
            kept = self.changes.setdefault(module, [])
            found = found[: max(0, 50 - len(kept))]
            if found:
                origin = Origin(self.running, dict(self.example())) if self.running else None
                kept.extend(found)
                self.origins.setdefault(module, []).extend([origin] * len(found))

    def forget(self, module: str) -> None:
        self.changes.pop(module, None)
        self.returned.pop(module, None)
        self.passed.discard(module)
        self.origins.pop(module, None)


def in_place_evidence(log: InPlaceLog, module: str, allowed: Callable[[InPlaceChange], bool]) -> dict:
    """The first change of ``module`` that is not ``allowed``, with the check and example where it was seen:
    ``{"origin": check name, "example": {...}, "change": InPlaceChange}``, or ``{}``."""
    for change, origin in zip(log.changes.get(module, []), log.origins.get(module, [])):
        if not allowed(change):
            return {"origin": origin.check, "example": origin.example, "change": change} if origin else {}
    return {}


def change_to_data(change: InPlaceChange) -> dict:
    """An InPlaceChange as JSON-ready data (for a student edition's probes)."""
    return {"function": change.function, "argument": change.argument, "path": change.path, "what": change.what,
            "index": list(change.index), "old": change.old, "new": change.new, "count": change.count,
            "size": change.size}


def change_from_data(data: dict) -> InPlaceChange:
    return InPlaceChange(function=str(data["function"]), argument=str(data["argument"]), path=str(data["path"]),
                         what=str(data["what"]), index=tuple(data["index"]), old=data["old"], new=data["new"],
                         count=int(data["count"]), size=int(data["size"]))


def allowed_changes(kata: "Kata") -> Callable[[InPlaceChange], bool]:
    """Whether a change is one the kata's API documents (``Kata.changes_in_place``)."""
    allowed = {(function, argument) for function, arguments in kata.changes_in_place.items()
               for argument in arguments}
    return lambda c: ((c.function, c.argument) in allowed
                      or (c.function.rpartition(".")[2], c.argument) in allowed)


def inputs_unchanged_check(kata: "Kata") -> "Check":
    """The engine's check for ``kata``: no call of its checks changed an argument it may not change."""
    from graders.kata import Check

    allowed = allowed_changes(kata)

    def leaves_its_inputs_unchanged(sub: Any, ref: Any) -> None:
        from graders.checks import fail
        from graders.sandbox.proxy import NotStarted

        log: InPlaceLog = sub._sandbox.inplace
        if not log.returned.get(sub._module) or sub._module not in log.passed:
            raise NotStarted("graded once another check passes: leaving the inputs alone earns its point "
                             "together with some correct result")
        changes = [c for c in log.changes.get(sub._module, []) if not allowed(c)]
        if changes:
            fail(explain(changes))

    leaves_its_inputs_unchanged.__doc__ = CHECK_TITLE
    return Check(kata_id=kata.id, name=CHECK_NAME, func=leaves_its_inputs_unchanged, points=1, title=CHECK_TITLE)


def explain(changes: list[InPlaceChange]) -> str:
    """The learner's message: which function changed which argument, where, and why it matters."""
    first = changes[0]
    lines = [f"{first.sentence()}."]
    if first.call:
        lines.append(f"  the call: {first.call}")
    others = []
    for change in changes[1:]:
        key = (change.function, change.argument, change.path)
        if key != (first.function, first.argument, first.path) and key not in others:
            others.append(key)
            lines.append(f"  also: {change.sentence()}")
        if len(others) >= 4:
            break
    lines.append(
        "The statement says no input is changed in place. The grader passes your code copies, so your other "
        "checks did not notice, but a caller's arrays would be silently corrupted: in a training loop the same "
        "array is a cache, a parameter or the optimizer's state for the next step. Look for `+=`, `-=`, `*=`, "
        "`x[...] = ...`, `out=`, `np.copyto` or a dict entry set on an argument; work on a copy "
        "(`x = x.copy()`, `state = dict(state)`) or build a new array (`np.maximum(x, 0)`, `w - lr * dw`).")
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    if value is None or type(value) in (bool, int, float):
        return value
    return str(value)[:80]


def _int(value: Any) -> int:
    return value if type(value) is int and value >= 0 else 0
