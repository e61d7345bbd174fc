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


EXAMPLE_WIDTH = 160  # characters of the example shown without -v


def one_line(text: str, width: int = EXAMPLE_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters; -v, the JSON and the HTML report show it all."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 20].rstrip() + " ... (-v shows all)"


def cause_of(c: CheckResult) -> tuple | None:
    """What two failed checks must share to have the same cause: the known mistake, else the whole message."""
    if c.passed or c.status in ("not_started", "missing"):
        return None
    if c.diagnosis:
        return ("mistake", c.diagnosis.get("mistake"))
    return ("message", c.status, c.message) if c.message else None


def same_cause_line(c: CheckResult, number: int, earlier: CheckResult) -> str:
    """The one line that replaces a failure whose cause was shown in full under check ``number``."""
    title = earlier.title if len(earlier.title) <= 50 else earlier.title[:47] + "..."
    what = f": {c.diagnosis['says'].rstrip('.')}" if c.diagnosis else ""
    return f"        same cause as in check {number} above (\"{title}\"){what}; -v shows this check's details"


def format_check(c: CheckResult, verbose: bool, color: bool, same_as: tuple[int, CheckResult] | None = None,
                 ) -> list[str]:
    """The lines of one check; ``same_as`` (number, check) collapses a cause already shown to one line."""
    label, colour = LABELS.get(c.status, (c.status.upper(), "red"))
    tag = click.style(f"{label:<5}", fg=colour, bold=True) if color else f"{label:<5}"
    pts = f"{c.points:g}/{c.max_points} pt" + ("s" if c.max_points != 1 else "")
    extra = f", {c.seconds * 1000:.0f} ms" if verbose else ""
    lines = [f"  {tag} {c.title}  ({pts}, {c.visibility}{extra})"]
    if c.status in ("not_started", "missing"):
        return lines
    if same_as is not None and not verbose:
        return lines + [same_cause_line(c, *same_as)]
    if c.message:
        lines.append(_indent(c.message, "        "))
    if c.call:
        lines.append(f"        call:    {c.call}")
    if c.example:
        lines.append(f"        example: {c.example if verbose else one_line(c.example)}")
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
    shown: dict[tuple, tuple[int, CheckResult]] = {}
    for number, c in enumerate(k.checks, 1):
        cause = cause_of(c)
        lines.extend(format_check(c, verbose, color, shown.get(cause) if cause else None))
        if cause is not None:
            shown.setdefault(cause, (number, c))
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
    if k.stopped:
        lines.append(f"  stopped at the first failing check (-x): {k.not_run} check(s) worth {k.not_run_points} "
                     f"point(s) did not run, so there is no score (run without -x for it; nothing was saved){took}")
    else:
        lines.append(f"  score {k.points:g}/{k.max_points} ({pct}){note}{took}")
    return "\n".join(lines)


def write_terminal(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write every kata's result; with several katas, a total line at the end."""
    verbose, color = options.get("verbose", False), options.get("color", False)
    for k in report.katas:
        click.echo(format_kata(k, verbose, color) + "\n", file=stream, color=color)
    if len(report.katas) > 1 or report.not_graded:
        click.echo(format_total(report), file=stream, color=color)


def format_total(report: Report) -> str:
    done = sum(k.all_passed for k in report.katas)
    if report.stopped:
        left = f", {len(report.not_graded)} not graded" if report.not_graded else ""
        return (f"total: stopped at the first failing check (-x) after {len(report.katas)} kata(s){left}, {done} "
                "complete; no total score (run without -x for it)")
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
