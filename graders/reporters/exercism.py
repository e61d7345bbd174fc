"""Exercism's test-runner interface, version 3: ``results.json`` with one test per check, one task per kata.

Top level: ``version`` (3), ``status`` (``pass``, ``fail`` or ``error``:
a file that could not be imported), ``message`` (only with ``error``),
``tests``. A test: ``name``, ``test_code``, ``status`` (``pass``, ``fail``,
``error``), ``message`` (when not passed), ``output`` (the submission's own
printing, at most 500 characters), ``task_id`` (the kata's position, from 1).
"""
from __future__ import annotations

import json
from typing import IO, Any

from graders.hookspecs import hookimpl
from graders.results import CheckResult, KataResult, Report

OUTPUT_LIMIT = 500
ERROR_STATUSES = ("error", "crashed")


def _status(c: CheckResult) -> str:
    return "pass" if c.passed else "error" if c.status in ERROR_STATUSES else "fail"


def _test(k: KataResult, c: CheckResult, task_id: int) -> dict:
    test = {"name": f"{k.kata}: {c.title}", "test_code": f"{k.kata}.{c.check}  # {c.title}",
            "status": _status(c), "task_id": task_id}
    if not c.passed:
        message = c.message or c.status.replace("_", " ")
        test["message"] = "\n".join([message] + [f"{label}: {text}" for label, text in
                                                 (("call", c.call), ("example", c.example)) if text])
    if c.output:
        output = c.output
        if len(output) > OUTPUT_LIMIT:
            note = "\n... (output truncated)"
            output = output[: OUTPUT_LIMIT - len(note)] + note
        test["output"] = output
    return test


def exercism_results(report: Report) -> dict:
    """``report`` as an Exercism test-runner v3 results dict."""
    tests = [_test(k, c, i) for i, k in enumerate(report.katas, 1) for c in k.checks]
    broken = [k.problem for k in report.katas if k.problem and any(c.status == "error" for c in k.checks)]
    if broken:
        return {"version": 3, "status": "error", "message": "\n".join(broken), "tests": tests}
    return {"version": 3, "status": "pass" if report.all_passed else "fail", "tests": tests}


def write_exercism(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write Exercism's results.json (test-runner interface v3)."""
    json.dump(exercism_results(report), stream, indent=2)
    stream.write("\n")


@hookimpl
def register_reporters(register):
    register("exercism", write_exercism)
