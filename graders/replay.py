"""Diagnosis by replay: name the known mistake whose results on a failing example are the learner's.

When a check fails, the runner has the learner's *transcript* of the failing
example: every value the submission returned, call by call (the sandbox
records them). The replayer runs the same check body on the same example
against each known mistake of the kata, built from the reference and loaded in
a worker of its own (like any submission), and compares the transcripts. The
first mistake, in declaration order, whose transcript matches value for value
is the diagnosis. A mistake that hangs, crashes or cannot be built is skipped;
the whole replay of one kata has a time budget.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from graders.kata import Kata
from graders.mistakes import Mistake, write_modules
from graders.sandbox import Handle, Limits, Sandbox, SubmissionAbort, Submission
from graders.sandbox.proxy import Raised

REPLAY_BUDGET = 20.0  # wall-clock seconds the replays of one kata may take in all
REPLAY_TIMEOUT = 2.0  # seconds one call of a mistake may take during a replay
RTOL, ATOL = 1e-9, 1e-12  # "exactly": far tighter than any check's tolerance


@dataclass(frozen=True)
class Diagnosis:
    """The known mistake whose results reproduce the learner's: JSON ``{"mistake": id, "says": sentence}``."""

    mistake: str
    says: str
    culprits: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str]:
        return {"mistake": self.mistake, "says": self.says}

    def sentence(self) -> str:
        """The first line of the failure message, in plain words."""
        says = self.says.rstrip(".")
        look = ""
        if self.culprits:
            names = [f"`{c}`" for c in self.culprits]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            look = f" Look at how your code computes {listed}."
        return f"Your results on this example are exactly those of a known mistake: {says}.{look}"


def same_value(a: Any, b: Any) -> bool:
    """Whether two values that crossed the wire are the same (arrays: same shape, kind, NaNs, values to 1e-9;
    objects left in the worker: the same type)."""
    if isinstance(a, Handle) or isinstance(b, Handle):
        return isinstance(a, Handle) and isinstance(b, Handle) and a._type == b._type
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
    """A transcript worth comparing: at least one plain value came back (a call that raised is compared by
    its exception's class and message, but does not count as a value)."""
    return any(not isinstance(value, (Handle, Raised)) for _, value in transcript)


class Replayer:
    """The known mistakes of one kata, loaded in a worker of their own, ready to replay failing examples."""

    def __init__(self, kata: Kata, limits: Limits, isolation: str) -> None:
        self.kata, self.deadline = kata, time.monotonic() + REPLAY_BUDGET
        self.folder = Path(tempfile.mkdtemp(prefix="ml-katas-replay-"))
        (self.folder / "run").mkdir()
        (self.folder / "mistakes").mkdir()
        self.sandbox = Sandbox(limits, isolation, self.folder / "run", [self.folder / "mistakes"])
        self.sandbox.call_timeout = min(kata.timeout, REPLAY_TIMEOUT)
        self.loaded: list[tuple[Mistake, Submission]] = []
        reference = kata.reference_path
        mistakes = kata.mistakes if reference is not None else []
        files = write_modules(mistakes, reference.read_text(encoding="utf-8"), self.folder / "mistakes", kata.id) \
            if mistakes else {}
        for mistake in mistakes:
            file = files.get(mistake.id)
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
            transcript = self._replay(body, sub, ref, example)
            if transcript is not None and same_transcript(learner, transcript):
                return Diagnosis(mistake.id, mistake.says, mistake.culprits)
        return None

    def _replay(self, body: Callable[..., Any], sub: Submission, ref: Any, example: dict) -> list | None:
        self.sandbox.reset()
        self.sandbox.transcript = transcript = []
        try:
            body(sub, ref, **example)
        except SubmissionAbort:
            return None  # it hung, crashed or was stopped: skipped
        except Exception:  # noqa: BLE001 - the check failing on the mistake is expected; the transcript counts
            pass
        finally:
            self.sandbox.transcript = None
        return transcript

    def close(self) -> None:
        self.sandbox.close()
        shutil.rmtree(self.folder, ignore_errors=True)
