"""Exercism's test-runner interface, version 3: ``results.json`` with one test per check, one task per kata.

Top level: ``version`` (3), ``status`` (``pass``, ``fail`` or ``error``:
no test could run, as when the only file graded could not be imported), ``message`` (only with ``error``),
``tests``. A test: ``name``, ``test_code``, ``status`` (``pass``, ``fail``,
``error``), ``message`` (when not passed), ``output`` (the submission's own
printing, at most 500 characters), ``task_id`` (the kata's position, from 1).

``test_code`` is the check's own code, as the interface asks; a hidden check
shows only its title. As the interface asks too, no message holds an absolute
path: a path is shown relative to the solution (``<solution-dir>/lstm.py``).
"""
from __future__ import annotations

import json
import re
from typing import IO, Any

from graders.hookspecs import hookimpl
from graders.results import CheckResult, KataResult, Report

OUTPUT_LIMIT = 500
ERROR_STATUSES = ("error", "crashed")
_ABSOLUTE_PATH = re.compile(r"(?<![\w.~/])(?:/[\w.@+-]+){2,}")


def without_absolute_paths(text: str) -> str:
    """``text`` with every absolute path cut to ``<solution-dir>/<file name>``."""
    return _ABSOLUTE_PATH.sub(lambda m: "<solution-dir>/" + m.group(0).rsplit("/", 1)[1], text)


def _test_code(c: CheckResult) -> str:
    if c.code:
        return c.code
    return f"# {c.kata}.{c.check}: {c.title}" + ("  (a hidden check: its code is not shown)" if
                                                  c.visibility == "hidden" else "")


def check_status(c: CheckResult) -> str:
    """pass, fail or error: the status of a check as Exercism (and GitHub Classroom) name them."""
    return "pass" if c.passed else "error" if c.status in ERROR_STATUSES else "fail"


def _test(k: KataResult, c: CheckResult, task_id: int) -> dict:
    test = {"name": f"{k.kata}: {c.title}", "test_code": _test_code(c), "status": check_status(c), "task_id": task_id}
    if not c.passed:
        message = c.message or c.status.replace("_", " ")
        test["message"] = without_absolute_paths("\n".join(
            [message] + [f"{label}: {text}" for label, text in (("call", c.call), ("example", c.example)) if text]))
    if c.output:
        output = without_absolute_paths(c.output)
        if len(output) > OUTPUT_LIMIT:
            note = "\n... (output truncated)"
            output = output[: OUTPUT_LIMIT - len(note)] + note
        test["output"] = output
    return test


def exercism_results(report: Report) -> dict:
    """``report`` as an Exercism test-runner v3 results dict."""
    tests = [_test(k, c, i) for i, k in enumerate(report.katas, 1) for c in k.checks]
    broken = [k.problem for k in report.katas if k.problem]
    if tests and broken and all(t["status"] == "error" for t in tests):  # the spec: error only when no test ran
        return {"version": 3, "status": "error", "message": without_absolute_paths("\n".join(broken)), "tests": tests}
    return {"version": 3, "status": "pass" if report.all_passed else "fail", "tests": tests}


def write_exercism(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write Exercism's results.json (test-runner interface v3)."""
    json.dump(exercism_results(report), stream, indent=2)
    stream.write("\n")


@hookimpl
def register_reporters(register):
    register("exercism", write_exercism)
