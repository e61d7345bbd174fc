"""Diagnosis by replay: name the known mistake whose results on a failing example are the learner's.

When a check fails, the runner has the learner's *transcript* of the failing
example: every value the submission returned, call by call (the sandbox
records them). In the instructor's tree, the replayer runs the same check body
on the same example against each known mistake of the kata, built from the
reference and loaded in a worker of its own (like any submission), and
compares the transcripts. The first mistake, in declaration order, whose
transcript matches value for value is the diagnosis. A mistake that hangs,
crashes or cannot be built is skipped; the whole replay of one kata has a time
budget.

A student edition has neither the reference nor the mistakes. ``grade release``
freezes *probes* instead (``freeze_probes``, written to ``probes.json``): for
each mistake, the example on which it fails each public check, and its
transcript there. When a public check fails, the learner's code is run on the
probes of that check (in the learner's worker, like any call) and a probe whose
transcript it reproduces names its mistake. Only inputs and the mistakes'
outputs on them ship, never code.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from graders.inplace import InPlaceChange, change_from_data, change_to_data, same_change
from graders.kata import Kata, KataDefinitionError, decode_frozen, encode_frozen
from graders.mistakes import Mistake, write_modules
from graders.sandbox import Handle, Limits, Sandbox, SubmissionAbort, Submission
from graders.sandbox.proxy import Raised

PROBES_FILE = "probes.json"
REPLAY_BUDGET = 20.0  # wall-clock seconds the replays of one kata may take in all
REPLAY_TIMEOUT = 2.0  # seconds one call of a mistake may take during a replay, or a quarter of the kata's own limit
# where that is more: a training kata's calls legitimately take seconds, more on a busy machine
RTOL, ATOL = 1e-9, 1e-12  # "exactly": far tighter than any check's tolerance


@dataclass(frozen=True)
class Diagnosis:
    """The known mistake whose results reproduce the learner's: JSON ``{"mistake": id, "says": sentence}``."""

    mistake: str
    says: str
    culprits: tuple[str, ...] = ()
    in_place: bool = False  # named by the argument it changes in place, not by its results

    def to_dict(self) -> dict[str, str]:
        return {"mistake": self.mistake, "says": self.says}

    def sentence(self) -> str:
        """The first line of the failure message, in plain words."""
        says = self.says.rstrip(".")
        look = ""
        if self.culprits:
            names = [f"`{c}`" for c in self.culprits]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            look = f" Look at {listed}."
        if self.in_place:
            return f"Your code changes its input exactly as a known mistake does: {says}.{look}"
        return f"Your results on this example are exactly those of a known mistake: {says}.{look}"


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


def same_value(a: Any, b: Any) -> bool:
    """Whether two values that crossed the wire are the same (arrays: same shape, kind, NaNs, values to 1e-9;
    objects left in the worker: the same type)."""
    a, b = _plain(a), _plain(b)
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

    def __init__(self, kata: Kata, limits: Limits, isolation: str, budget: float = REPLAY_BUDGET) -> None:
        self.kata, self.deadline = kata, time.monotonic() + budget
        self.folder = Path(tempfile.mkdtemp(prefix="ml-katas-replay-"))
        (self.folder / "mistakes").mkdir()
        self.loaded: list[tuple[Mistake, Submission]] = []
        reference = kata.reference_path
        mistakes = kata.mistakes if reference is not None else []
        files = write_modules(mistakes, reference.read_text(encoding="utf-8"), self.folder / "mistakes", kata.id) \
            if mistakes else {}
        self.sandbox = Sandbox.for_folder(self.folder / "mistakes", limits, isolation)  # the worker sees a copy
        self.sandbox.call_timeout = min(kata.timeout, max(REPLAY_TIMEOUT, kata.timeout / 4))
        for mistake in mistakes:
            file = self.sandbox.staged(files[mistake.id]) if mistake.id in files else None
            if file is None or time.monotonic() > self.deadline:
                continue
            name = f"{kata.id}__mistake__{mistake.id}"
            loaded = self.sandbox.load(name, file, kata.forbidden_imports, kata.forbidden_names, mistake.id)
            if loaded.ok:
                self.loaded.append((mistake, Submission(self.sandbox, name, file, mistake.id)))

    def diagnose(self, body: Callable[..., Any], ref: Any, example: dict, learner: list) -> Diagnosis | None:
        """The first known mistake whose transcript of ``body(sub, ref, **example)`` is ``learner``'s."""
        if not informative(learner):
            return None
        for mistake, sub in self.loaded:
            if time.monotonic() > self.deadline:
                return None
            transcript = _run(body, sub, ref, example)
            if transcript is not None and same_transcript(learner, transcript):
                return Diagnosis(mistake.id, mistake.says, mistake.culprits)
        return None

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


class FrozenProbes:
    """The probes of a student edition's kata (``probes.json``): diagnosis without the mistakes' code."""

    def __init__(self, data: dict, budget: float = REPLAY_BUDGET) -> None:
        self.deadline = time.monotonic() + budget
        self.probes: dict[str, list[tuple[dict, dict, list]]] = {}
        self.in_place: list[tuple[dict, str, dict, InPlaceChange]] = []  # (mistake, origin check, example, change)
        for mistake in data.get("mistakes", []):
            for probe in mistake.get("probes", []):
                example = {k: RecordedData.replaying(v["__drawn__"]) if isinstance(v, dict) and "__drawn__" in v else v
                           for k, v in decode_frozen(probe["example"]).items()}
                if "change" in probe:
                    self.in_place.append((mistake, probe["origin"], example,
                                          change_from_data(decode_frozen(probe["change"]))))
                    continue
                self.probes.setdefault(probe["check"], []).append(
                    (mistake, example, _decode_transcript(probe["transcript"])))

    def diagnose(self, check_name: str, body: Callable[..., Any], sub: Submission, ref: Any) -> Diagnosis | None:
        """Run the learner's code on the probes of ``check_name``; the mistake whose transcript it reproduces."""
        for mistake, example, frozen in self.probes.get(check_name, []):
            if time.monotonic() > self.deadline:
                return None
            transcript = _run(body, sub, ref, example)
            if transcript is not None and same_transcript(frozen, transcript):
                return Diagnosis(mistake["id"], mistake["says"], tuple(mistake.get("culprits", ())))
        return None

    def diagnose_in_place(self, bodies: Callable[[str], Callable[..., Any] | None], sub: Submission, ref: Any,
                          change: InPlaceChange) -> Diagnosis | None:
        """Replay the in-place probes on the learner's code: the mistake whose first change it reproduces.
        ``bodies(check name)`` is the body of a public check (None if the edition has none of that name)."""
        for mistake, origin, example, frozen in self.in_place:
            body = bodies(origin)
            if time.monotonic() > self.deadline:
                return None
            if body is not None and same_change(frozen, change) and same_first_change(body, sub, ref, example, frozen):
                return Diagnosis(mistake["id"], mistake["says"], tuple(mistake.get("culprits", ())), in_place=True)
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


def _encode_value(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, HandleMark):
        return {"__handle__": value.type}
    if isinstance(value, Raised):
        return {"__raised__": [value.type, value.message]}
    if isinstance(value, (list, tuple)) and any(isinstance(_plain(v), (HandleMark, Raised)) for v in value):
        items = [_encode_value(v) for v in value]
        return items if isinstance(value, list) else {"__tuple__": items}
    return encode_frozen(value)


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "__handle__" in value:
        return HandleMark(value["__handle__"])
    if isinstance(value, dict) and "__raised__" in value:
        return Raised(*value["__raised__"])
    if isinstance(value, dict) and "__tuple__" in value:
        return tuple(_decode_value(v) for v in value["__tuple__"])
    if isinstance(value, list):
        return [_decode_value(v) for v in value]
    return decode_frozen(value)


def _decode_transcript(entries: list) -> list:
    return [(label, _decode_value(value)) for label, value in entries]


def freeze_probes(kata: Kata, options: Any) -> dict:
    """For ``grade release``: each known mistake's failing example of each public check it fails, and its
    transcript there, as JSON-ready data (``probes.json``). ``options`` are the runner's GradeOptions."""
    import dataclasses

    from graders.runner import Runner

    reference = kata.reference_path
    if reference is None or not kata.mistakes:
        return {}
    options = dataclasses.replace(options, visibility=("public",), diagnose=False, keep_evidence=True, shrink=False)
    frozen = []
    with tempfile.TemporaryDirectory(prefix="ml-katas-probes-") as folder:
        files = write_modules(kata.mistakes, reference.read_text(encoding="utf-8"), Path(folder), kata.id)
        for mistake in kata.mistakes:
            if mistake.id not in files:
                continue
            result = Runner(options).grade([kata], files[mistake.id]).katas[0]
            probes = []
            for check in result.checks:
                evidence = check.evidence
                if check.status != "failed" or not evidence:
                    continue
                in_place = "change" in evidence
                if not in_place and not informative(evidence["transcript"]):
                    continue
                example = {k: {"__drawn__": v.drawn} if isinstance(v, RecordedData) else v
                           for k, v in evidence["example"].items()}
                try:
                    if in_place:  # the first change and the example of the check where it was seen
                        probes.append({"check": check.check, "origin": evidence["origin"],
                                       "example": encode_frozen(example),
                                       "change": encode_frozen(change_to_data(evidence["change"]))})
                        continue
                    probes.append({"check": check.check, "example": encode_frozen(example),
                                   "transcript": [[label, _encode_value(v)] for label, v in evidence["transcript"]]})
                except KataDefinitionError:
                    continue  # an example or result that is not plain data cannot be a probe
            if probes:
                frozen.append({"id": mistake.id, "says": mistake.says, "culprits": list(mistake.culprits),
                               "probes": probes})
    return json.loads(json.dumps({"mistakes": frozen})) if frozen else {}


class Diagnoser:
    """Diagnosis for one kata's grading: replay on the known mistakes (instructor's tree) or on the frozen
    probes (student edition); started at the first failure, if ever."""

    def __init__(self, kata: Kata, limits: Limits, isolation: str, enabled: bool = True,
                 budget: float = REPLAY_BUDGET) -> None:
        self.kata, self.limits, self.isolation, self.budget = kata, limits, isolation, budget
        self.replayer: Replayer | None = None
        self.probes: FrozenProbes | None = None
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
                self.wanted = bool(self.probes.probes or self.probes.in_place)

    def diagnose(self, check: Any, sub: Submission, ref: Any, example: dict, learner: list) -> Diagnosis | None:
        """The known mistake that explains the failure of ``check`` on ``example`` (``learner``: its transcript)."""
        if not self.wanted:
            return None
        body = check_body(check)
        try:
            if self.probes is not None:
                return self.probes.diagnose(check.name, body, sub, ref)
            if self.replayer is None:
                self.replayer = Replayer(self.kata, self.limits, self.isolation, self.budget)
            return self.replayer.diagnose(body, ref, example, learner)
        except SubmissionAbort:
            return None

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
