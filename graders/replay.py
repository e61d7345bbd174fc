"""Diagnosis by replay: name the known mistake whose results on a failing example are the learner's.

When a check fails, the runner has the learner's *transcript* of the failing
example: every value the submission returned, call by call (the sandbox
records them). In the instructor's tree, the replayer runs the same check body
on the same example against each known mistake of the kata, built from the
reference and loaded in a worker of its own (like any submission), and
compares the transcripts. Every mistake whose transcript matches value for
value is a candidate. When several are, they are replayed on the learner's
other examples (the other failing checks, the examples hypothesis tried before
the failing one, the last example of each passed check) and those that part
from the learner are dropped; results the reference gives too are no evidence
of any mistake. The diagnosis names the one left, or says truthfully that the
examples cannot tell the last few apart. Diagnoses are made once every check has run, so that every
failing example can help. A mistake that hangs, crashes or cannot be built is
skipped; the whole replay of one kata has a time budget.

A student edition has neither the reference nor the mistakes. ``grade release``
freezes *probes* instead (``freeze_probes``, written to ``probes.json``): for
each mistake, the example on which it fails each public check, and a *digest*
of its transcript there (small values as they are, larger arrays as shape,
dtype and a few fixed projections, compared with a tolerance). When a public
check fails, the learner's code is run on the probes of that check (in the
learner's worker, like any call); a mistake whose digest it reproduces is a
candidate, and several candidates are told apart on their other probes. Only
inputs and digests of the mistakes' outputs ship, never code, nor anything from
which the code can be rebuilt.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

import numpy as np

from graders.inplace import InPlaceChange, change_from_data, change_to_data
from graders.kata import Kata, KataDefinitionError, decode_frozen, encode_frozen
from graders.mistakes import Mistake, write_modules
from graders.sandbox import Handle, Limits, Sandbox, SubmissionAbort, Submission, resolve_isolation
from graders.sandbox.proxy import Raised

PROBES_FILE = "probes.json"
PROBES_VERSION = 2  # probes.json written by an older release (full transcripts) is not read
REPLAY_BUDGET = 20.0  # wall-clock seconds the replays of one kata may take in all
REPLAY_TIMEOUT = 2.0  # seconds one call of a mistake may take during a replay, or a quarter of the kata's own limit
# where that is more: a training kata's calls legitimately take seconds, more on a busy machine
RTOL, ATOL = 1e-9, 1e-12  # "exactly": far tighter than any check's tolerance


@dataclass(frozen=True)
class Diagnosis:
    """The known mistake whose results reproduce the learner's: JSON ``{"mistake": id, "says": sentence}``.

    ``also`` holds the other known mistakes that give the same results on every example the grader could try
    (``(id, says)`` pairs): the diagnosis then names them all, in declaration order, and the JSON lists them
    under ``"also"``."""

    mistake: str
    says: str
    culprits: tuple[str, ...] = ()
    also: tuple[tuple[str, str], ...] = ()
    in_place: bool = False  # named by the argument it changes in place, not by its results

    @property
    def mistakes(self) -> tuple[str, ...]:
        """Every mistake named: the first one, then ``also``."""
        return (self.mistake, *(m for m, _ in self.also))

    def to_dict(self) -> dict:
        named: dict = {"mistake": self.mistake, "says": self.says}
        if self.also:
            named["also"] = [{"mistake": m, "says": says} for m, says in self.also]
        return named

    def sentence(self) -> str:
        """The first line of the failure message, in plain words."""
        look = ""
        if self.culprits:
            names = [f"`{c}`" for c in self.culprits]
            look = f" Look at {_listed(names, 'and')}."
        if self.in_place:
            return f"Your code changes its input exactly as a known mistake does: {self.says.rstrip('.')}.{look}"
        if not self.also:
            return (f"Your results on this example are exactly those of a known mistake: {self.says.rstrip('.')}."
                    f"{look}")
        says = [self.says, *(s for _, s in self.also)]
        return (f"Your results are exactly those of {len(says)} known mistakes, which give the same results on "
                f"every example tried: {_listed([s.rstrip('.') for s in says], 'or')}.{look}")


def _listed(items: list[str], word: str) -> str:
    """``a``; ``a and b``; ``a, b and c`` (word "or": ``a; or b``, for sentences that hold commas)."""
    if len(items) == 1:
        return items[0]
    separator = "; " if word == "or" else ", "
    return separator.join(items[:-1]) + ("; " if word == "or" else " ") + f"{word} {items[-1]}"


def _named(candidates: list[Mistake]) -> Diagnosis:
    """The Diagnosis naming ``candidates`` (one, or several no example told apart)."""
    first = candidates[0]
    culprits = tuple(dict.fromkeys(c for m in candidates for c in m.culprits))
    return Diagnosis(first.id, first.says, culprits, tuple((m.id, m.says) for m in candidates[1:]))


@dataclass(frozen=True)
class HandleMark:
    """In a transcript: an object that stayed in the worker; only its type is compared."""

    type: str


def _plain(value: Any) -> Any:
    """``value`` with every worker object replaced by its HandleMark (for comparing and freezing)."""
    if isinstance(value, Handle):
        return HandleMark(value._type)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


DIGEST_ABOVE = 8  # arrays with more elements than this are frozen as digests, smaller ones as they are
DIGEST_RTOL = 1e-9  # of the sum of absolute values: as close as "exactly" (RTOL) is for each element


def _weights(size: int) -> np.ndarray:
    """Fixed weights for the projections of a digest: a plain sum and three cosine waves, the same everywhere."""
    k = np.arange(1, 4, dtype=np.float64)[:, None]
    i = np.arange(size, dtype=np.float64)[None, :]
    return np.vstack([np.ones((1, size)), np.cos(0.6180339887498949 * k * (i + 1.0) + k)])


def _short(number: float) -> float:
    """``number`` to 12 significant digits: far inside the tolerance of a digest, and shorter in JSON."""
    return float(f"{number:.12g}")


@dataclass(frozen=True)
class Digest:
    """In a frozen transcript, an array too large to ship whole: its shape, dtype kind, counts of NaN, +inf
    and -inf, and four projections of its values (and one of its NaN positions) on fixed weights. Two arrays
    match when all of these agree, the projections to ``DIGEST_RTOL`` of the sum of absolute values.
    Nothing of the array beyond these few numbers can be recovered from it."""

    shape: tuple[int, ...]
    kind: str
    special: tuple[float, ...]  # NaN, +inf, -inf counts; where the NaNs are (a projection, rounded)
    projections: tuple[float, ...]
    scale: float

    @classmethod
    def of(cls, array: np.ndarray) -> "Digest":
        flat = np.asarray(array).reshape(-1)
        if flat.dtype.kind == "c":
            flat = np.concatenate([flat.real, flat.imag])
        values = flat.astype(np.float64)
        finite = np.isfinite(values)
        nan = np.isnan(values)
        clean = np.where(finite, values, 0.0)
        weights = _weights(clean.size)
        with np.errstate(all="ignore"):
            projections = weights @ clean
            scale = float(np.abs(clean).sum())
        special = (int(nan.sum()), int((values == np.inf).sum()), int((values == -np.inf).sum()),
                   round(float(weights[1] @ nan), 6) if nan.any() else 0)
        return cls(tuple(np.shape(array)), np.asarray(array).dtype.kind, special,
                   tuple(_short(p) for p in projections), _short(scale))

    def to_json(self) -> dict:
        return {"__digest__": {"shape": list(self.shape), "kind": self.kind, "special": list(self.special),
                               "p": list(self.projections), "scale": self.scale}}

    @classmethod
    def from_json(cls, data: dict) -> "Digest":
        return cls(tuple(data["shape"]), data["kind"], tuple(data["special"]), tuple(data["p"]), data["scale"])

    @staticmethod
    def match(a: Any, b: Any) -> bool:
        """Whether ``a`` and ``b`` (digests, or an array and a digest) are digests of the same array."""
        a, b = (Digest.of(v) if isinstance(v, np.ndarray) and v.dtype.kind in "biufc" else v for v in (a, b))
        if not (isinstance(a, Digest) and isinstance(b, Digest)):
            return False
        if (a.shape, a.kind, a.special) != (b.shape, b.kind, b.special):
            return False
        tolerance = DIGEST_RTOL * max(a.scale, b.scale) + ATOL
        return all(x == y or abs(x - y) <= tolerance for x, y in zip(a.projections, b.projections))


def same_value(a: Any, b: Any) -> bool:
    """Whether two values that crossed the wire are the same (arrays: same shape, kind, NaNs, values to 1e-9;
    objects left in the worker: the same type)."""
    a, b = _plain(a), _plain(b)
    if isinstance(a, FrozenCall) or isinstance(b, FrozenCall):
        return a.matches(b) if isinstance(a, FrozenCall) else b.matches(a)
    if isinstance(a, Digest) or isinstance(b, Digest):
        return Digest.match(a, b)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape:
            return False
        if a.dtype.kind != b.dtype.kind:
            return False
        if a.dtype.kind not in "fc":
            return bool(np.array_equal(a, b))
        return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float):
        return bool(np.isclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    return type(a) is type(b) and a == b


def same_change(a: InPlaceChange, b: InPlaceChange) -> bool:
    """Two reports of one change: the same function, argument, place and kind, the same count, and old and new
    values that are the same_value. The call text (argument shapes) is not compared."""
    if (a.function, a.argument, a.path, a.what, a.index, a.count, a.size) != \
            (b.function, b.argument, b.path, b.what, b.index, b.count, b.size):
        return False
    return same_value(a.old, b.old) and same_value(a.new, b.new)


def same_transcript(learner: list, mistake: list) -> bool:
    """Call by call: the same calls, in the same order, that returned the same values."""
    if not learner or len(learner) != len(mistake):
        return False
    return all(la == lb and same_value(va, vb) for (la, va), (lb, vb) in zip(learner, mistake))


def informative(transcript: list) -> bool:
    """A transcript worth comparing: a plain value came back, or a call raised an exception of a named class
    (compared by class and message); objects left in the worker alone say too little."""
    return any(not isinstance(_plain(value), HandleMark) and not (isinstance(value, Raised) and not value.type)
               for _, value in transcript)


class Replayer:
    """The known mistakes of one kata, loaded in a worker of their own, ready to replay failing examples."""

    def __init__(self, kata: Kata, limits: Limits, isolation: str, budget: float = REPLAY_BUDGET,
                 call_timeout: float = REPLAY_TIMEOUT) -> None:
        self.kata, self.deadline = kata, time.monotonic() + budget
        self.folder = Path(tempfile.mkdtemp(prefix="ml-katas-replay-"))
        (self.folder / "mistakes").mkdir()
        self.loaded: list[tuple[Mistake, Submission]] = []
        # (mistake, check and example) -> the mistake's transcript there: a replay is deterministic, so the
        # failing examples that several submissions share (Runner.grade_own) are replayed once per mistake
        self.replayed: dict[tuple[str, str], list | None] = {}
        reference = kata.reference_path
        mistakes = kata.mistakes if reference is not None else []
        files = write_modules(mistakes, reference.read_text(encoding="utf-8"), self.folder / "mistakes", kata.id) \
            if mistakes else {}
        if mistakes:  # the reference too, a folder apart from any mistake's: see ``matching``
            (self.folder / "mistakes" / "-reference").mkdir()
            (self.folder / "mistakes" / "-reference" / f"{kata.id}.py").write_text(
                reference.read_text(encoding="utf-8"), encoding="utf-8")
        self.sandbox = Sandbox.for_folder(self.folder / "mistakes", limits, isolation)  # the worker sees a copy
        self.sandbox.call_timeout = min(kata.timeout, max(call_timeout, kata.timeout / 4))
        self.reference: Submission | None = None
        staged = self.sandbox.staged(self.folder / "mistakes" / "-reference" / f"{kata.id}.py") if mistakes else None
        if staged is not None:
            name = f"{kata.id}__reference"
            if self.sandbox.load(name, staged, kata.forbidden_imports, kata.forbidden_names, "the reference").ok:
                self.reference = Submission(self.sandbox, name, staged, "the reference")
        for mistake in mistakes:
            file = self.sandbox.staged(files[mistake.id]) if mistake.id in files else None
            if file is None or time.monotonic() > self.deadline:
                continue
            name = f"{kata.id}__mistake__{mistake.id}"
            loaded = self.sandbox.load(name, file, kata.forbidden_imports, kata.forbidden_names, mistake.id)
            if loaded.ok:
                self.loaded.append((mistake, Submission(self.sandbox, name, file, mistake.id)))

    def matching(self, body: Callable[..., Any], ref: Any, example: dict, learner: list,
                 among: list[Mistake] | None = None) -> list[Mistake]:
        """The known mistakes (or those of ``among``), in declaration order, whose transcript of
        ``body(sub, ref, **example)`` is ``learner``'s; those the budget left no time for are not tried.

        None of them when the reference's transcript is the learner's too: results the reference gives say
        nothing of a mistake (the check failed for another reason: speed, calls made, arguments changed in place)."""
        if not informative(learner):
            return []
        key = _example_key(body, example)
        if self.reference is not None:
            transcript = self._replay("-reference", self.reference, body, ref, example, key)
            if transcript is not None and same_transcript(learner, transcript):
                return []
        wanted = None if among is None else {m.id for m in among}
        found = []
        for mistake, sub in self.loaded:
            if wanted is not None and mistake.id not in wanted:
                continue
            if time.monotonic() > self.deadline and (mistake.id, key) not in self.replayed:
                break
            transcript = self._replay(mistake.id, sub, body, ref, example, key)
            if transcript is not None and same_transcript(learner, transcript):
                found.append(mistake)
        return found

    def _replay(self, name: str, sub: Submission, body: Callable[..., Any], ref: Any, example: dict,
                key: str | None) -> list | None:
        if key is not None and (name, key) in self.replayed:
            return self.replayed[name, key]
        transcript = _run(body, sub, ref, example)
        if key is not None and transcript is not None:  # a call that timed out may not on a less busy machine
            self.replayed[name, key] = transcript
        return transcript

    def restart_budget(self, budget: float) -> None:
        """A new budget for the next submission; the mistakes' functions that hung are tried again."""
        self.deadline = time.monotonic() + budget
        self.sandbox.hung.clear()

    def diagnose_in_place(self, body: Callable[..., Any], ref: Any, example: dict,
                          change: InPlaceChange) -> Diagnosis | None:
        """The first known mistake that, replaying ``body`` on ``example``, changes an argument in place exactly
        as the learner's code did (``change``: the learner's first change)."""
        for mistake, sub in self.loaded:
            if time.monotonic() > self.deadline:
                return None
            if same_first_change(body, sub, ref, example, change):
                return Diagnosis(mistake.id, mistake.says, mistake.culprits, in_place=True)
        return None

    def close(self) -> None:
        self.sandbox.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def same_first_change(body: Callable[..., Any], sub: Submission, ref: Any, example: dict,
                      change: InPlaceChange) -> bool:
    """Whether ``sub``'s first in-place change, replaying ``body`` on ``example``, is ``change``. The module's
    in-place record is set aside for the replay and put back after it."""
    log = sub._sandbox.inplace
    kept = (log.changes.pop(sub._module, None), log.origins.pop(sub._module, None), log.running)
    log.running = ""
    try:
        if _run(body, sub, ref, example) is None:
            return False
        found = log.changes.get(sub._module, [])
        return bool(found) and same_change(found[0], change)
    finally:
        log.changes.pop(sub._module, None)
        log.origins.pop(sub._module, None)
        if kept[0] is not None:
            log.changes[sub._module] = kept[0]
        if kept[1] is not None:
            log.origins[sub._module] = kept[1]
        log.running = kept[2]


@dataclass(frozen=True)
class Known:
    """A known mistake as a student edition knows it: no code, only its name, sentence and culprits."""

    id: str
    says: str
    culprits: tuple[str, ...] = ()


class FrozenProbes:
    """The probes of a student edition's kata (``probes.json``): diagnosis without the mistakes' code."""

    def __init__(self, data: dict, budget: float = REPLAY_BUDGET) -> None:
        self.deadline = time.monotonic() + budget
        self.examples: list[dict] = data.get("examples", []) if data.get("version") == PROBES_VERSION else []
        self.known: dict[str, Known] = {}
        self.of_check: dict[str, list[tuple[str, int, list]]] = {}  # check -> (mistake, example, transcript)
        self.of_mistake: dict[str, list[tuple[str, int, list]]] = {}  # mistake -> (check, example, transcript)
        self.in_place: list[tuple[str, str, int, InPlaceChange]] = []  # (mistake, origin check, example, change)
        for mistake in data.get("mistakes", []) if self.examples else []:
            self.known[mistake["id"]] = Known(mistake["id"], mistake["says"], tuple(mistake.get("culprits", ())))
            for check, index, transcript in mistake.get("probes", []):
                frozen = _decode_transcript(transcript, data.get("structures", []))
                self.of_check.setdefault(check, []).append((mistake["id"], index, frozen))
                self.of_mistake.setdefault(mistake["id"], []).append((check, index, frozen))
            for origin, index, change in mistake.get("changes", []):  # the first change in place, where seen
                self.in_place.append((mistake["id"], origin, index, change_from_data(decode_frozen(change))))
        self.tried: dict[tuple[str, int], list | None] = {}  # the learner's transcripts of the probes run so far

    def restart(self, budget: float) -> None:
        """For the next submission: a new budget, and nothing remembered of the last one's transcripts."""
        self.deadline, self.tried = time.monotonic() + budget, {}

    def diagnose(self, check_name: str, sub: Submission, ref: Any, bodies: dict[str, Callable[..., Any]]
                 ) -> Diagnosis | None:
        """Run the learner's code on the probes of ``check_name``: the mistakes whose results it reproduces;
        several are told apart on their other probes (``bodies``: the check functions by name)."""
        candidates = list(dict.fromkeys(mistake for mistake, index, frozen in self.of_check.get(check_name, [])
                                        if self._reproduces(check_name, index, frozen, sub, ref, bodies)))
        if len(candidates) > 1:
            kept = [m for m in candidates
                    if all(self._reproduces(c, i, f, sub, ref, bodies) for c, i, f in self.of_mistake[m])]
            candidates = kept or candidates
        return _named([self.known[m] for m in candidates]) if candidates else None

    def _reproduces(self, check: str, index: int, frozen: list, sub: Submission, ref: Any,
                    bodies: dict[str, Callable[..., Any]]) -> bool:
        if (check, index) not in self.tried:
            if check not in bodies or time.monotonic() > self.deadline:
                return False
            self.tried[check, index] = _run(bodies[check], sub, ref, _decode_example(self.examples[index]))
        transcript = self.tried[check, index]
        return transcript is not None and same_transcript(frozen, transcript)

    def diagnose_in_place(self, bodies: Callable[[str], Callable[..., Any] | None], sub: Submission, ref: Any,
                          change: InPlaceChange) -> Diagnosis | None:
        """Replay the in-place probes on the learner's code: the mistake whose first change it reproduces.
        ``bodies(check name)`` is the body of a public check (None if the edition has none of that name)."""
        for mistake, origin, index, frozen in self.in_place:
            body = bodies(origin)
            if time.monotonic() > self.deadline:
                return None
            if body is not None and same_change(frozen, change) \
                    and same_first_change(body, sub, ref, _decode_example(self.examples[index]), frozen):
                known = self.known[mistake]
                return Diagnosis(known.id, known.says, known.culprits, in_place=True)
        return None


class RecordedData:
    """A check's ``st.data()`` as the check saw it: draws are forwarded and remembered, so that the example can
    be replayed after hypothesis is done with it."""

    def __init__(self, data: Any) -> None:
        self._data, self.drawn = data, []

    def draw(self, strategy: Any, label: Any = None) -> Any:
        value = self._data.draw(strategy, label)
        self.drawn.append(value)
        return value

    def __repr__(self) -> str:
        return repr(self._data)

    @classmethod
    def again(cls, recorded: "RecordedData") -> "RecordedData":
        """A RecordedData that hands out ``recorded``'s draws again (and records them), to run an example again."""
        return cls(_ReplayedData(recorded.drawn))

    @classmethod
    def replaying(cls, drawn: list) -> "RecordedData":
        """A RecordedData of ``drawn`` without hypothesis (frozen probes): only for replays."""
        recorded = cls(None)
        recorded.drawn = list(drawn)
        return recorded


class _ReplayedData:
    """The draws of a RecordedData, handed out again in the same order."""

    def __init__(self, drawn: list) -> None:
        self._drawn = list(drawn)

    def draw(self, strategy: Any, label: Any = None) -> Any:
        if not self._drawn:
            raise LookupError("the replay drew more than the example did")
        return self._drawn.pop(0)


def _example_key(body: Callable[..., Any], example: dict) -> str | None:
    """The check body and example as one string, to remember replays by; None when the example is not plain data."""
    try:
        return json.dumps([f"{body.__module__}.{body.__qualname__}",
                           {k: _encode_input(v) for k, v in example.items()}], sort_keys=True)
    except (KataDefinitionError, TypeError, ValueError):
        return None


def _run(body: Callable[..., Any], sub: Submission, ref: Any, example: dict) -> list | None:
    """The transcript of ``body(sub, ref, **example)``; None when the code hung, crashed or was stopped."""
    sandbox = sub._sandbox
    sandbox.reset()
    sandbox.transcript = transcript = []
    example = {k: _ReplayedData(v.drawn) if isinstance(v, RecordedData) else v for k, v in example.items()}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # hypothesis warns about assume() outside a test: a replay is one
            body(sub, ref, **example)
    except SubmissionAbort:
        return None
    except Exception:  # noqa: BLE001 - the check failing is expected; the transcript is what counts
        pass
    finally:
        sandbox.transcript = None
    return transcript


@dataclass(frozen=True)
class FrozenCall:
    """In a probe, what one call returned, without the values themselves: the shape of the result (types,
    dict keys, array shapes and dtypes, objects left in the worker, exceptions raised), its plain leaves
    (strings, None, exception messages), and its numbers: as they are when there are at most DIGEST_ABOVE of
    them, else the Digest of all of them in order."""

    structure: str
    others: str  # the JSON of the plain leaves
    values: tuple[float, ...] | None
    digest: Digest | None

    @classmethod
    def of(cls, value: Any) -> "FrozenCall":
        numbers: list[np.ndarray] = []
        others: list = []
        structure = _flatten(value, numbers, others)
        flat = np.concatenate(numbers) if numbers else np.zeros(0)
        small = flat.size <= DIGEST_ABOVE
        return cls(structure, json.dumps(others), tuple(float(v) for v in flat) if small else None,
                   None if small else Digest.of(flat))

    def to_json(self, structures: dict[str, int]) -> dict:
        """JSON-ready; the structure as its index in ``structures`` (added there when new: probes.json keeps
        each structure once, as the results of a check's many calls often share theirs)."""
        numbers = {"v": list(self.values)} if self.values is not None else self.digest.to_json()
        return {"__call__": {"s": structures.setdefault(self.structure, len(structures)), "o": self.others,
                             **numbers}}

    @classmethod
    def from_json(cls, data: dict, structures: list[str]) -> "FrozenCall":
        values = tuple(data["v"]) if "v" in data else None
        return cls(structures[data["s"]], data["o"], values,
                   None if "v" in data else Digest.from_json(data["__digest__"]))

    def matches(self, value: Any) -> bool:
        """Whether ``value`` (what the learner's call returned) is what this call returned."""
        try:
            other = value if isinstance(value, FrozenCall) else FrozenCall.of(value)
        except KataDefinitionError:
            return False
        if (other.structure, other.others) != (self.structure, self.others):
            return False
        if self.values is not None and other.values is not None:
            return bool(np.allclose(np.array(self.values), np.array(other.values), rtol=RTOL, atol=ATOL,
                                    equal_nan=True))
        return Digest.match(self.digest, other.digest)


def _flatten(value: Any, numbers: list[np.ndarray], others: list) -> str:
    """The structure of ``value`` as a string; its numbers appended to ``numbers``, plain leaves to ``others``."""
    value = _plain(value)
    if isinstance(value, HandleMark):
        return f"<{value.type}>"
    if isinstance(value, Raised):
        others.append(value.message)
        return f"!{value.type}"
    if isinstance(value, (np.ndarray, np.generic)) and value.dtype.kind in "biufc":
        array = np.asarray(value).reshape(-1)
        numbers.append(np.concatenate([array.real, array.imag]) if array.dtype.kind == "c" else
                       array.astype(np.float64))
        if isinstance(value, np.generic):  # a NumPy scalar reads as the Python number it compares equal to
            return {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}[value.dtype.kind]
        return f"{value.dtype.kind}[{'x'.join(map(str, value.shape))}]"
    if isinstance(value, (bool, int, float, complex)):
        numbers.append(np.array([value.real, value.imag]) if isinstance(value, complex) else np.array([float(value)]))
        return type(value).__name__
    if isinstance(value, (list, tuple)):
        inner = ",".join(_flatten(v, numbers, others) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        # in key order: dicts compare equal whatever the order their keys were set in
        return "{" + ",".join(f"{k!r}:{_flatten(value[k], numbers, others)}" for k in sorted(value)) + "}"
    others.append(encode_frozen(value, "a probe's result"))  # str, None; anything else is refused
    return "."


def _encode_transcript(transcript: list, structures: dict[str, int]) -> list:
    """A transcript as JSON-ready data, for probes.json: each call's label and FrozenCall."""
    return [[label, FrozenCall.of(value).to_json(structures)] for label, value in transcript]


def _decode_transcript(entries: list, structures: list[str]) -> list:
    return [(label, FrozenCall.from_json(value["__call__"], structures)) for label, value in entries]


def _encode_input(value: Any) -> Any:
    """An argument of a check's example as JSON-ready data (with the draws of ``st.data()`` and sets)."""
    if isinstance(value, RecordedData):
        return {"__drawn__": [_encode_input(v) for v in value.drawn]}
    if isinstance(value, (set, frozenset)):
        return {"__set__": [_encode_input(v) for v in sorted(value, key=repr)], "frozen": isinstance(value, frozenset)}
    if isinstance(value, (list, tuple)):
        items = [_encode_input(v) for v in value]
        return items if isinstance(value, list) else {"__tuple__": items}
    if isinstance(value, dict) and all(isinstance(k, str) and not k.startswith("__") for k in value):
        return {k: _encode_input(v) for k, v in value.items()}
    return encode_frozen(value, "a probe's example")


def _decode_input(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode_input(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__drawn__" in value:
        return RecordedData.replaying([_decode_input(v) for v in value["__drawn__"]])
    if "__set__" in value:
        return (frozenset if value.get("frozen") else set)(_decode_input(v) for v in value["__set__"])
    if "__tuple__" in value:
        return tuple(_decode_input(v) for v in value["__tuple__"])
    if "__ndarray__" in value:
        return decode_frozen(value)
    return {k: _decode_input(v) for k, v in value.items()}


def _decode_example(encoded: dict) -> dict:
    """A fresh copy of a frozen example (its arrays new every time, whatever a replay did to the last)."""
    return {k: _decode_input(v) for k, v in encoded.items()}


def freeze_probes(kata: Kata, options: Any) -> dict:
    """For ``grade release``: each known mistake's failing example of each public check it fails, and the
    digest of its transcript there, as JSON-ready data (``probes.json``). Examples that several mistakes
    fail on are stored once. ``options`` are the runner's GradeOptions."""
    import dataclasses

    from graders.runner import Runner, _NoReference

    no_reference = _NoReference()
    reference = kata.reference_path
    if reference is None or not kata.mistakes:
        return {}
    options = dataclasses.replace(options, visibility=("public",), diagnose=False, keep_evidence=True, shrink=False)
    examples: dict[str, int] = {}  # the example's JSON -> its index
    structures: dict[str, int] = {}  # the structure of a call's result -> its index
    frozen = []
    with tempfile.TemporaryDirectory(prefix="ml-katas-probes-") as folder:
        files = write_modules(kata.mistakes, reference.read_text(encoding="utf-8"), Path(folder), kata.id)
        mistakes = [m for m in kata.mistakes if m.id in files]
        results = Runner(options).grade_own(kata, [files[m.id] for m in mistakes])
        bodies = {c.name: check_body(c) for c in kata.checks_for(["public"])}
        replayer = Replayer(kata, options.limits, resolve_isolation(options.isolation), budget=float("inf"),
                            call_timeout=options.timeout or kata.timeout)  # as long as grading allows
        try:
            for mistake, result in zip(mistakes, results):
                probes, changes = [], []
                for check in result.checks:
                    evidence = check.evidence
                    if check.status == "failed" and "change" in evidence:  # the first change, where it was seen
                        try:
                            example = json.dumps({k: _encode_input(v) for k, v in evidence["example"].items()})
                            change = encode_frozen(change_to_data(evidence["change"]))
                        except KataDefinitionError:
                            continue
                        changes.append([evidence["origin"], examples.setdefault(example, len(examples)), change])
                        continue
                    if check.status != "failed" or not evidence or check.check not in bodies \
                            or not informative(evidence["transcript"]):
                        continue
                    if not replayer.matching(bodies[check.check], no_reference, evidence["example"],
                                             evidence["transcript"], among=[mistake]):
                        continue  # the reference's results too there (or not the mistake's own): no probe
                    try:  # the example as the check drew it (its dicts' keys in their order)
                        example = json.dumps({k: _encode_input(v) for k, v in evidence["example"].items()})
                        transcript = _encode_transcript(evidence["transcript"], structures)
                    except KataDefinitionError:
                        continue  # an example or result that is not plain data cannot be a probe
                    probes.append([check.check, examples.setdefault(example, len(examples)), transcript])
                if probes or changes:
                    frozen.append({"id": mistake.id, "says": mistake.says, "culprits": list(mistake.culprits),
                                   "probes": probes, **({"changes": changes} if changes else {})})
        finally:
            replayer.close()
    if not frozen:
        return {}
    return json.loads(json.dumps({"version": PROBES_VERSION, "examples": [json.loads(e) for e in examples],
                                  "structures": list(structures), "mistakes": frozen}))


class _Failure(NamedTuple):
    """A failed check, kept for its diagnosis once every check has run (or a passed one, to tell mistakes
    apart)."""

    name: str
    body: Callable[..., Any]
    ref: Any
    example: dict
    learner: list
    history: tuple[tuple[dict, list], ...]


class Diagnoser:
    """Diagnosis for one kata's grading: replay on the known mistakes (instructor's tree) or on the frozen
    probes (student edition). The runner ``note``s each failed check; ``explain`` diagnoses them all once
    every check has run (so that each failing example can tell apart the mistakes another one cannot)."""

    def __init__(self, kata: Kata, limits: Limits, isolation: str, enabled: bool = True,
                 budget: float = REPLAY_BUDGET) -> None:
        self.kata, self.limits, self.isolation, self.budget = kata, limits, isolation, budget
        self.replayer: Replayer | None = None
        self.probes: FrozenProbes | None = None
        self.failures: list[_Failure] = []
        self.passed: list[_Failure] = []  # the last example of each passed check, and the learner's transcript
        self.wanted = False
        if not enabled:
            return
        try:
            self.wanted = bool(kata.mistakes) and kata.reference_path is not None
        except Exception:  # noqa: BLE001 - a broken mistakes.py only costs the diagnosis (validate reports it)
            self.wanted = False
        if not self.wanted:
            file = kata.file(PROBES_FILE)
            if file is not None:
                self.probes = FrozenProbes(json.loads(file.read_text(encoding="utf-8")), budget)
                self.wanted = bool(self.probes.of_check or self.probes.in_place)

    def restart(self) -> None:
        """Ready for the next submission of the same kata (``Runner.grade_own``): a new budget, nothing noted."""
        self.failures, self.passed = [], []
        if self.replayer is not None:
            self.replayer.restart_budget(self.budget)
        if self.probes is not None:
            self.probes.restart(self.budget)

    def note(self, check: Any, ref: Any, example: dict, learner: list,
             history: Iterable[tuple[dict, list]] = (), failed: bool = True) -> None:
        """Remember a failed check: its example, the learner's transcript of it, and of the examples before;
        or the last example of a passed check (``failed=False``), which helps tell candidates apart."""
        if self.wanted and learner:
            noted = _Failure(check.name, check_body(check), ref, example, learner, tuple(history) if failed else ())
            (self.failures if failed else self.passed).append(noted)

    def explain(self, sub: Submission) -> dict[str, Diagnosis]:
        """The diagnosis of each noted check that has one, by check name."""
        found: dict[str, Diagnosis] = {}
        try:
            for failure in self.failures:
                diagnosis = self._diagnose(failure, sub)
                if diagnosis is not None:
                    found[failure.name] = diagnosis
        except SubmissionAbort:
            pass
        return found

    def _diagnose(self, failure: _Failure, sub: Submission) -> Diagnosis | None:
        if self.probes is not None:
            bodies = {f.name: f.body for f in self.failures}
            bodies.update((c.name, check_body(c)) for c in self.kata.checks_for(["public"]) if c.name not in bodies)
            return self.probes.diagnose(failure.name, sub, failure.ref, bodies)
        if self.replayer is None:
            self.replayer = Replayer(self.kata, self.limits, self.isolation, self.budget)
        candidates = self.replayer.matching(failure.body, failure.ref, failure.example, failure.learner)
        further = [(f.body, f.ref, f.example, f.learner) for f in self.failures if f is not failure]
        further += [(failure.body, failure.ref, example, learner) for example, learner in failure.history]
        further += [(f.body, f.ref, f.example, f.learner) for f in self.passed]
        for body, ref, example, learner in further:
            if len(candidates) < 2:
                break
            kept = self.replayer.matching(body, ref, example, learner, among=candidates)
            candidates = kept or candidates  # none left: that example shows another mistake of the learner's
        return _named(candidates) if candidates else None

    def diagnose_in_place(self, origin: Any, sub: Submission, ref: Any, evidence: dict) -> Diagnosis | None:
        """The known mistake that changes an argument in place as the learner's code did: ``evidence`` holds the
        learner's first change and the example of ``origin``, the check during which it was seen."""
        if not self.wanted:
            return None
        try:
            if self.probes is not None:
                bodies = {c.name: check_body(c) for c in self.kata.checks_for(["public"])}
                return self.probes.diagnose_in_place(bodies.get, sub, ref, evidence["change"])
            if self.replayer is None:
                self.replayer = Replayer(self.kata, self.limits, self.isolation, self.budget)
            return self.replayer.diagnose_in_place(check_body(origin), ref, evidence["example"], evidence["change"])
        except SubmissionAbort:
            return None

    def close(self) -> None:
        if self.replayer is not None:
            self.replayer.close()


def check_body(check: Any) -> Callable[..., Any]:
    """A check's function as a replay calls it: for a hypothesis check, the test inside @given."""
    if not check.uses_hypothesis:
        return check.func
    inner = check.func.hypothesis.inner_test
    return getattr(inner, "_ml_katas_inner", inner)
