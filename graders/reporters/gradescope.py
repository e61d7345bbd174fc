"""Gradescope's ``results.json``: one test per check, hidden checks revealed only after publishing (or never).

Fields follow Gradescope's autograder specification: top-level ``score``,
``execution_time``, ``output``, ``output_format``, ``tests``; each test has
``name``, ``number``, ``score``, ``max_score``, ``status`` (``passed`` or
``failed``), ``output``, ``output_format``, ``tags``, ``visibility`` and
``extra_data``.

Nothing about a hidden check (its name, points or result) is visible before
its release: hidden checks get ``hidden_visibility``, and the always-visible
top-level ``output`` counts the public checks only (all checks when hidden
checks are ``visible``). Public checks are numbered first, so the numbers
leave no gaps where hidden checks sit.
"""
from __future__ import annotations

import json
from typing import IO, Any

from graders.hookspecs import hookimpl
from graders.results import CheckResult, Report

VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_HIDDEN_VISIBILITY = "after_published"


def _test_output(c: CheckResult) -> str:
    if c.passed:
        return ""
    parts = [f"{c.status.replace('_', ' ')}: {c.message}" if c.message else c.status.replace("_", " ")]
    parts += [f"call: {c.call}" if c.call else "", f"example: {c.example}" if c.example else ""]
    if c.output:
        parts.append("your code printed:\n" + c.output)
    return "\n".join(p for p in parts if p)


def _summary(report: Report, show_hidden: bool, graded_files: dict[str, str]) -> str:
    """The top-level output, visible at once: per kata the points of what students may see, and the file graded."""
    lines = []
    for k in report.katas:
        shown = [c for c in k.checks if show_hidden or c.visibility == "public"]
        points, max_points = sum(c.points for c in shown), sum(c.max_points for c in shown)
        which = "" if show_hidden else " on the public checks"
        line = f"{k.kata}: {points:g}/{max_points} points{which}"
        if k.kata in graded_files:
            line += f"; graded file: {graded_files[k.kata]}"
        lines.append(line + (f"  ({k.problem})" if k.problem else ""))
    if not show_hidden and any(c.visibility == "hidden" for k in report.katas for c in k.checks):
        lines.append("The hidden checks' results appear when your instructor releases them.")
    if report.isolation:
        lines.append(f"(isolation: {report.isolation})")
    return "\n".join(lines)


def gradescope_results(report: Report, hidden_visibility: str = DEFAULT_HIDDEN_VISIBILITY,
                       graded_files: dict[str, str] | None = None) -> dict:
    """``report`` as a Gradescope results dict; hidden checks get ``hidden_visibility``.

    ``graded_files`` maps a kata to the name of the file graded for it, for the top-level output.
    """
    if hidden_visibility not in VISIBILITIES:
        raise ValueError(f"hidden_visibility must be one of {', '.join(VISIBILITIES)}, not {hidden_visibility!r}")
    tests = []
    for i, k in enumerate(report.katas, 1):
        ordered = sorted(k.checks, key=lambda c: c.visibility != "public")  # stable: public first
        for j, c in enumerate(ordered, 1):
            tests.append({
                "name": f"{k.kata}: {c.title}",
                "number": f"{i}.{j}",
                "score": c.points,
                "max_score": c.max_points,
                "status": "passed" if c.passed else "failed",
                "output": _test_output(c),
                "output_format": "text",
                "tags": [k.kata, c.visibility],
                "visibility": "visible" if c.visibility == "public" else hidden_visibility,
                "extra_data": {"kata": k.kata, "check": c.check, "status": c.status},
            })
    return {
        "score": report.points,
        "execution_time": round(report.seconds),
        "output": _summary(report, hidden_visibility == "visible", graded_files or {}),
        "output_format": "text",
        "tests": tests,
    }


def write_gradescope(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write Gradescope's results.json; ``options["hidden_visibility"]`` (default after_published) for hidden checks."""
    data = gradescope_results(report, options.get("hidden_visibility", DEFAULT_HIDDEN_VISIBILITY))
    json.dump(data, stream, indent=2)
    stream.write("\n")


@hookimpl
def register_reporters(register):
    register("gradescope", write_gradescope)
