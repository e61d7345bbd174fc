"""The terminal report: a score line per kata, a line per check, an explanation per failure."""
from __future__ import annotations

import time
from typing import IO, Any

import click

from graders.hookspecs import hookimpl
from graders.results import CheckResult, KataResult, Report

LABELS = {
    "passed": ("PASS", "green"),
    "failed": ("FAIL", "red"),
    "not_started": ("TODO", "yellow"),
    "missing": ("MISS", "yellow"),
    "error": ("ERR ", "red"),
    "timeout": ("TIME", "red"),
    "crashed": ("CRASH", "red"),
    "forbidden": ("NOPE", "red"),
}


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def format_check(c: CheckResult, verbose: bool, color: bool) -> list[str]:
    label, colour = LABELS.get(c.status, (c.status.upper(), "red"))
    tag = click.style(f"{label:<5}", fg=colour, bold=True) if color else f"{label:<5}"
    pts = f"{c.points:g}/{c.max_points} pt" + ("s" if c.max_points != 1 else "")
    extra = f", {c.seconds * 1000:.0f} ms" if verbose else ""
    lines = [f"  {tag} {c.title}  ({pts}, {c.visibility}{extra})"]
    if c.status in ("not_started", "missing"):
        return lines
    if c.message:
        lines.append(_indent(c.message, "        "))
    if c.call:
        lines.append(f"        call:    {c.call}")
    if c.example:
        lines.append(f"        example: {c.example}")
    if c.output:
        lines.append("        your code printed:")
        lines.append(_indent(c.output, "        | "))
    return lines


def format_kata(k: KataResult, verbose: bool = False, color: bool = False) -> str:
    pct = f"{100 * k.score:.0f} %"
    head = f"{k.kata}: {k.title}  [{k.file}]"
    lines = [click.style(head, bold=True) if color else head]
    if k.problem:
        lines.append(f"  {k.problem}")
        if all(c.status == k.checks[0].status for c in k.checks):
            lines.append(f"  score {k.points:g}/{k.max_points} ({pct})")
            return "\n".join(lines)
    for c in k.checks:
        lines.extend(format_check(c, verbose, color))
    note = ""
    if k.not_started:
        note = f"  (not started: open {k.file} and replace the `raise NotImplementedError` lines)"
    elif k.all_passed and k.not_run_here:
        note = (f"  (done with every check that runs here! {len(k.not_run_here)} more run only where your work is "
                "graded:\n" + "\n".join(f"    - {title}" for title in k.not_run_here) + ")")
    elif k.all_passed:
        note = "  (done!)"
    elif any(c.status == "failed" for c in k.checks):
        note = f"  (stuck? `grade hint {k.kata}` shows a hint)"
    took = f"  in {k.seconds:.2f} s" if verbose else ""
    lines.append(f"  score {k.points:g}/{k.max_points} ({pct}){note}{took}")
    return "\n".join(lines)


def write_terminal(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write every kata's result; with several katas, a total line at the end."""
    verbose, color = options.get("verbose", False), options.get("color", False)
    for k in report.katas:
        click.echo(format_kata(k, verbose, color) + "\n", file=stream, color=color)
    if len(report.katas) > 1:
        click.echo(format_total(report), file=stream, color=color)


def format_total(report: Report) -> str:
    done = sum(k.all_passed for k in report.katas)
    return f"total: {report.points:g}/{report.max_points} points, {done} of {len(report.katas)} katas complete"


@hookimpl
def register_reporters(register):
    register("terminal", write_terminal)


class ProgressLine:
    """A transient ``grading 3/31: lstm ...`` line for long runs; silent unless ``stream`` is a terminal."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.active = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = False

    def show(self, index: int, total: int, kata: Any) -> None:
        """Show that kata ``index`` (0-based) of ``total`` is being graded; nothing for a single kata."""
        if self.active and total > 1:
            self.stream.write(f"\r\x1b[Kgrading {index + 1}/{total}: {kata.id} ...")
            self.stream.flush()
            self.shown = True

    def clear(self, *_: Any) -> None:
        """Erase the line (before other output is printed)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class BatchProgress:
    """A batch's progress: a bar with an ETA on a terminal, one plain line per submission otherwise.

    On a terminal, lines worth keeping (a submission with a note) are printed above the bar.
    """

    def __init__(self, stream: IO[str], width: int = 30) -> None:
        self.stream, self.width = stream, width
        self.active = bool(getattr(stream, "isatty", lambda: False)())
        self.started = time.monotonic()

    def update(self, done: int, total: int, line: str, keep: bool = False) -> None:
        """Submission ``done`` of ``total`` was graded; ``line`` says how it went."""
        if not self.active:
            self.stream.write(f"[{done}/{total}] {line}\n")
            self.stream.flush()
            return
        if keep:
            self.stream.write(f"\r\x1b[K{line}\n")
        elapsed = time.monotonic() - self.started
        eta = elapsed / done * (total - done) if done else 0.0
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {done}/{total}  ETA {_duration(eta)}  last: {line[:50]}")
        if done >= total:
            self.stream.write(f"\r\x1b[K[{'#' * self.width}] {total}/{total} in {_duration(elapsed)}\n")
        self.stream.flush()
