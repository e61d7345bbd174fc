"""The learner's saved progress: a small JSON file inside the submission folder.

``<submission>/.ml-katas-progress.json`` remembers, per kata, the last score
and how many hints were shown. It is a convenience for the learner, never an
input to grading: a missing or broken file is treated as empty (a broken one
with a one-line warning), and it is written atomically.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from graders.results import KataResult, Report

FILE_NAME = ".ml-katas-progress.json"
VERSION = 1


@dataclass
class KataProgress:
    """What is remembered about one kata."""

    points: float = 0.0
    max_points: int = 0
    status: str = "not started"  # "not started", "in progress" or "done"
    hints_shown: int = 0
    graded_at: float = 0.0  # time.time() of the last grading
    file_mtime: float = 0.0  # the graded file's mtime then: a newer file means the score is stale

    @property
    def score(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


@dataclass
class Progress:
    """Every kata's progress in one submission folder; ``path`` is None when there is nowhere to save."""

    path: Path | None
    katas: dict[str, KataProgress] = field(default_factory=dict)

    def get(self, kata_id: str) -> KataProgress:
        """The record of ``kata_id`` (a fresh one, not yet stored, when the kata was never seen)."""
        return self.katas.get(kata_id) or KataProgress()

    def entry(self, kata_id: str) -> KataProgress:
        """The record of ``kata_id``, created and stored when absent (for updating)."""
        return self.katas.setdefault(kata_id, KataProgress())

    def record(self, result: KataResult, file: Path | None = None) -> None:
        """Remember the score of a graded kata."""
        entry = self.entry(result.kata)
        entry.points, entry.max_points = float(result.points), int(result.max_points)
        entry.status = status_of(result)
        entry.graded_at = time.time()
        entry.file_mtime = _mtime(file) if file else 0.0

    def record_report(self, report: Report, submission: Path) -> None:
        """Remember every kata of ``report`` graded in full, from the folder ``submission``.

        A kata whose grading stopped at the first failure (``-x``) has no score: what was saved stays.
        """
        for result in report.katas:
            if not result.stopped:
                self.record(result, submission / f"{result.kata}.py")

    def is_stale(self, kata_id: str, file: Path) -> bool:
        """True when ``file`` changed after the kata was last graded."""
        entry = self.katas.get(kata_id)
        return bool(entry and entry.graded_at and _mtime(file) > entry.file_mtime)

    def save(self) -> None:
        """Write the file atomically; a folder that cannot be written is skipped with a warning."""
        if self.path is None:
            return
        data = {"version": VERSION, "katas": {k: asdict(v) for k, v in sorted(self.katas.items())}}
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".ml-katas-progress-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; it is an ordinary file of the learner's
            os.replace(tmp, self.path)
        except OSError as exc:
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
            _warn(f"warning: could not save progress to {self.path} ({exc.strerror or exc})")


def status_of(result: KataResult) -> str:
    """"done", "in progress" or "not started" for a graded kata."""
    if result.all_passed:
        return "done"
    if result.not_started or not result.checks:
        return "not started"
    return "in progress"


def progress_path(submission: Path) -> Path | None:
    """Where the progress of ``submission`` is kept: inside it when it is a folder, else nowhere."""
    return submission / FILE_NAME if submission.is_dir() else None


def load_progress(submission: Path, warn: Callable[[str], None] | None = None) -> Progress:
    """The saved progress of ``submission``; a broken file is ignored with one warning line."""
    path = progress_path(submission)
    progress = Progress(path)
    if path is None or not path.is_file():
        return progress
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("katas"), dict):
            raise ValueError("not a progress file")
        for kata_id, raw in data["katas"].items():
            progress.katas[str(kata_id)] = _entry_from(raw)
    except (OSError, ValueError, TypeError) as exc:
        (warn or _warn)(f"warning: ignoring the unreadable progress file {path} ({exc}); it will be rewritten")
        progress.katas.clear()
    return progress


def _entry_from(raw: object) -> KataProgress:
    if not isinstance(raw, dict):
        raise ValueError("a kata's record is not an object")
    entry = KataProgress()
    for name, default in asdict(entry).items():
        value = raw.get(name, default)
        if not isinstance(value, type(default)) and not (isinstance(default, float) and isinstance(value, int)):
            raise ValueError(f"{name} has the wrong type")
        setattr(entry, name, type(default)(value))
    if entry.status not in ("not started", "in progress", "done"):
        raise ValueError(f"unknown status {entry.status!r}")
    return entry


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _warn(message: str) -> None:
    import click

    click.echo(message, err=True)
