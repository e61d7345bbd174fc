"""``grade watch``: regrade on every save, redraw a compact screen, move on when a kata is done.

Changes are found by polling modification times (no inotify), so watching
works on network file systems and in containers. Student code runs in the
sandbox's worker exactly as in ``grade --kata``.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator

import click

from graders.kata import Kata
from graders.progress import Progress
from graders.reporters.terminal import LABELS, format_check
from graders.results import KataResult
from graders.runner import Runner, Workspace, shown_path

POLL_SECONDS = 0.3
CLEAR_SCREEN = "\x1b[2J\x1b[H"


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
    size: tuple[int, int] | None = None  # (columns, rows) to fit the screen in; None: the terminal's
    _ready: Workspace | None = field(default=None, repr=False)

    def grade(self) -> None:
        """Grade the current kata, remember the score, move on when it is done, redraw."""
        start = self.clock()
        with self.show_busy():
            self._grade_current()
        self.last_seconds = self.clock() - start
        if self.last.all_passed:
            following = self._following()
            if following is not None:
                self.banner = f"{self.current.id} is done! On to {following.id}."
                self.current = following
                with self.show_busy():
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
        """Clear the terminal (or print a rule when not a terminal) and show the current standing, fitted to
        the terminal: the summary first, the first failing check in full, every other check on one line."""
        done = sum(self.progress.get(k.id).status == "done" for k in self.katas)
        width, height = self._size()
        summary = (f"{self.current.id if self.last is None else self.last.kata}  {self._score()}  |  "
                   f"{done}/{len(self.katas)} katas done  |  graded in {self.last_seconds:.1f} s at "
                   f"{time.strftime('%H:%M:%S')}")
        head = [Line(summary, bold=True)]
        if self.banner:
            head.append(Line(self.banner, fg="green", bold=True))
            self.banner = ""
        footer = [Line(""), Line(f"watching {shown_path(self.folder)}: save to regrade | "
                                 f"grade hint {self.current.id} | Ctrl-C to stop")]
        body = watch_body(self.last) if self.last is not None else []
        lines = fit(head, body, footer, width, height)
        screen = "\n".join(line.render(width, self.color) for line in lines) + "\n"
        prefix = CLEAR_SCREEN if self.clear else "-" * min(72, width) + "\n"
        click.echo(prefix + screen, file=self.stream, nl=False, color=self.color)
        self.stream.flush()
        self.redraws.append(self.clock())

    def _score(self) -> str:
        if self.last is None:
            return "not graded yet"
        return f"score {self.last.points:g}/{self.last.max_points} ({100 * self.last.score:.0f} %)"

    def _size(self) -> tuple[int, int]:
        """Columns and rows to fit in: the terminal's when drawing on one, else ``size``, else unlimited."""
        if self.size is not None:
            return self.size
        if self.clear:
            columns, rows = shutil.get_terminal_size((80, 24))
            return columns, rows
        return UNLIMITED

    def show_busy(self) -> "Spinner":
        """``grading lstm ...`` on the first row while a grading runs (a spinner on a terminal)."""
        return Spinner(self.stream, f"grading {self.current.id}", animate=self.clear)

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


UNLIMITED = (10**6, 10**6)


@dataclass
class Line:
    """One row of the watch screen: plain text, styled only when drawn (so it can be measured and cut)."""

    text: str
    fg: str | None = None
    bold: bool = False
    tag: tuple[str, str] | None = None  # (label, colour) at the start of a check's row

    def render(self, width: int, color: bool) -> str:
        text = self.text if len(self.text) <= width else self.text[: max(0, width - 3)] + "..."
        if not color:
            return text
        if self.tag is not None and text.startswith(f"  {self.tag[0]}"):
            label = self.tag[0]
            return "  " + click.style(label, fg=self.tag[1], bold=True) + text[2 + len(label):]
        return click.style(text, fg=self.fg, bold=self.bold) if (self.fg or self.bold) else text


def watch_body(result: KataResult) -> list[tuple[Line, list[str]]]:
    """Each check as its one-line row, and for the first failing check the lines that explain it."""
    if result.problem:
        return [(Line(f"  {result.problem.splitlines()[0]}", fg="red"), result.problem.splitlines()[1:])]
    rows: list[tuple[Line, list[str]]] = []
    explained = False
    for check in result.checks:
        label, colour = LABELS.get(check.status, (check.status.upper(), "red"))
        row = Line(f"  {label:<5} {check.title}", tag=(f"{label:<5}", colour))
        details: list[str] = []
        if not check.passed and not explained and check.status not in ("not_started", "missing"):
            details = format_check(check, verbose=False, color=False)[1:]
            explained = True
        rows.append((row, details))
    if result.not_started:
        rows.append((Line(f"  (not started: open {result.file} and replace the `raise NotImplementedError` lines)"),
                     []))
    return rows


def fit(head: list[Line], body: list[tuple[Line, list[str]]], footer: list[Line], width: int,
        height: int) -> list[Line]:
    """The screen in ``height`` rows of ``width`` columns: the head and every check row always (as many as fit),
    the explanation wrapped to the width and cut to the rows left, with a line saying how much was left out."""
    rows_left = height - len(head) - len(footer) - 1  # the last row stays free for the cursor
    rows = [row for row, _ in body][: max(0, rows_left)]
    room = rows_left - len(rows)
    out = list(head)
    for row, details in body[: len(rows)]:
        out.append(row)
        if not details:
            continue
        wrapped = [piece for text in details for piece in _wrap(text, width)]
        if len(wrapped) > room:
            keep = max(0, room - 1)
            wrapped = wrapped[:keep] + [f"        ... {len(wrapped) - keep} more lines (`grade --kata` shows all)"]
            wrapped = wrapped[: max(0, room)]
        out.extend(Line(text) for text in wrapped)
        room -= len(wrapped)
    return out + footer


def _wrap(text: str, width: int) -> list[str]:
    """``text`` cut into rows of ``width`` columns, continuation rows indented like the text."""
    if len(text) <= width:
        return [text]
    indent = " " * min(len(text) - len(text.lstrip()), width // 2)
    return textwrap.wrap(text, width, subsequent_indent=indent, drop_whitespace=False) or [text[:width]]


@contextlib.contextmanager
def ctrl_c_ends_within(seconds: float, farewell: str) -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt as usual, so the watch stops its worker and cleans up; should that
    cleanup not end within ``seconds``, the process prints ``farewell`` and exits 0 anyway (progress is saved
    after every grading, so nothing is lost). A learner's Ctrl-C always ends the watch."""
    def on_ctrl_c(signum: int, frame: Any) -> None:
        def last_resort() -> None:
            time.sleep(seconds)
            os.write(1, f"\n{farewell} (cleaning up took more than {seconds:g} s; stopped anyway)\n".encode())
            os._exit(0)
        threading.Thread(target=last_resort, daemon=True).start()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class Spinner:
    """``grading lstm`` shown while a grading runs: an animated first row on a terminal, one line elsewhere."""

    FRAMES = "|/-\\"

    def __init__(self, stream: IO[str], text: str, animate: bool) -> None:
        self.stream, self.text, self.animate = stream, text, animate
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "Spinner":
        if not self.animate:
            self.stream.write(f"{self.text} ...\n")
            self.stream.flush()
            return self
        self._thread = threading.Thread(target=self._spin, daemon=True)
        self._thread.start()
        return self

    def _spin(self) -> None:
        frame = 0
        while not self._stop.is_set():
            self.stream.write(f"\x1b7\x1b[H\x1b[2K{self.text} {self.FRAMES[frame % 4]}\x1b8")
            self.stream.flush()
            frame += 1
            self._stop.wait(0.1)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
