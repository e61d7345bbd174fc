"""``grade watch``: regrade on every save, redraw a compact screen, move on when a kata is done.

Changes are found by polling modification times (no inotify), so watching
works on network file systems and in containers. Student code runs in the
sandbox's worker exactly as in ``grade --kata``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable

import click

from graders.kata import Kata
from graders.progress import Progress
from graders.reporters.terminal import LABELS, format_check
from graders.results import KataResult
from graders.runner import Runner, Workspace, shown_path

POLL_SECONDS = 0.3
CLEAR_SCREEN = "\x1b[2J\x1b[H"
BAR_WIDTH = 30


def snapshot(folder: Path) -> dict[str, int]:
    """Modification times of the Python files under ``folder`` (hidden folders and caches left out)."""
    times = {}
    for path in folder.rglob("*.py"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts) or not path.is_file():
            continue
        try:
            times[str(rel)] = path.stat().st_mtime_ns
        except OSError:
            continue
    return times


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """``[#######.............] 7/20 katas done``."""
    filled = round(width * done / total) if total else 0
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} katas done"


@dataclass
class Watcher:
    """Grades one kata at a time from ``folder``; ``katas`` are in learning order."""

    runner: Runner
    katas: list[Kata]
    folder: Path
    progress: Progress
    current: Kata
    stream: IO[str]
    color: bool = False
    clear: bool = False
    clock: Callable[[], float] = time.perf_counter
    banner: str = ""
    last: KataResult | None = None
    last_seconds: float = 0.0
    redraws: list[float] = field(default_factory=list)  # when each screen was drawn (clock time)
    _ready: Workspace | None = field(default=None, repr=False)

    def grade(self) -> None:
        """Grade the current kata, remember the score, move on when it is done, redraw."""
        start = self.clock()
        self._grade_current()
        self.last_seconds = self.clock() - start
        if self.last.all_passed:
            following = self._following()
            if following is not None:
                self.banner = f"{self.current.id} is done! On to {following.id}."
                self.current = following
                self._grade_current()
            else:
                self.banner = "Every kata is done. Congratulations!"
        self.draw()
        self._ready = self.runner.workspace(self.folder)
        self._ready.warm()  # the next grading will not wait for a worker to start

    def _grade_current(self) -> None:
        workspace, self._ready = self._ready, None
        self.last = self.runner.grade([self.current], self.folder, workspace=workspace).katas[0]
        self.progress.record(self.last, self.folder / f"{self.current.id}.py")
        self.progress.save()

    def close(self) -> None:
        """Stop the worker kept ready for the next grading."""
        if self._ready is not None:
            self._ready.close()
            self._ready = None

    def _following(self) -> Kata | None:
        ids = [k.id for k in self.katas]
        start = ids.index(self.current.id) + 1 if self.current.id in ids else 0
        for kata in self.katas[start:] + self.katas[:start]:
            if self.progress.get(kata.id).status != "done":
                return kata
        return None

    def draw(self) -> None:
        """Clear the terminal (or print a rule when not a terminal) and show the current standing."""
        done = sum(self.progress.get(k.id).status == "done" for k in self.katas)
        lines = [f"ml-katas watch  {progress_bar(done, len(self.katas))}"]
        if self.banner:
            lines.append(click.style(self.banner, fg="green", bold=True) if self.color else self.banner)
            self.banner = ""
        if self.last is not None:
            lines.extend(compact_kata(self.last, self.color))
        lines.append("")
        lines.append(f"watching {shown_path(self.folder)}: save a file to regrade (graded in "
                     f"{self.last_seconds:.1f} s at {time.strftime('%H:%M:%S')}); "
                     f"`grade hint {self.current.id}` for a hint; Ctrl-C to stop")
        screen = "\n".join(lines) + "\n"
        prefix = CLEAR_SCREEN if self.clear else "-" * 72 + "\n"
        click.echo(prefix + screen, file=self.stream, nl=False, color=self.color)
        self.stream.flush()
        self.redraws.append(self.clock())

    def run(self, max_cycles: int | None = None, interval: float = POLL_SECONDS) -> int:
        """Grade now, then on every change, ``max_cycles`` gradings at most; returns how many were done."""
        seen = snapshot(self.folder)
        try:
            self.grade()
            cycles = 1
            while max_cycles is None or cycles < max_cycles:
                time.sleep(interval)
                now = snapshot(self.folder)
                if now != seen:
                    seen = now
                    self.grade()
                    cycles += 1
        finally:
            self.close()
        return cycles


def compact_kata(result: KataResult, color: bool) -> list[str]:
    """The kata's score, one line per check, and the full explanation of the first failing check only."""
    pct = f"{100 * result.score:.0f} %"
    head = f"{result.kata}: {result.title}  score {result.points:g}/{result.max_points} ({pct})"
    lines = [click.style(head, bold=True) if color else head]
    if result.problem:
        lines.append(f"  {result.problem}")
        return lines
    explained = False
    for check in result.checks:
        if not check.passed and not explained and check.status not in ("not_started", "missing"):
            lines.extend(format_check(check, verbose=False, color=color))
            explained = True
        else:
            label, colour = LABELS.get(check.status, (check.status.upper(), "red"))
            tag = click.style(f"{label:<5}", fg=colour, bold=True) if color else f"{label:<5}"
            lines.append(f"  {tag} {check.title}")
    if result.not_started:
        lines.append(f"  (not started: open {result.file} and replace the `raise NotImplementedError` lines)")
    return lines
