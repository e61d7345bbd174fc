"""GitHub Classroom: the result of one autograding step, as ``autograding-grading-reporter`` reads it.

One JSON object per step (a "runner"): ``version`` (1), ``status`` (``pass``,
``fail``, ``error``), ``max_score`` and ``tests``; each test has ``name``,
``status``, ``score``, ``message``, ``test_code``, ``filename``,
``line_no`` and ``duration`` (milliseconds). The reporter adds up the tests'
``score`` against each runner's ``max_score`` for the grade it sends to
Classroom, so every check gives its own points: partial credit per check,
which the stock command grader (all or nothing per step) cannot give. The
workflow step base64-encodes this file into its ``result`` output
(``grade export github-classroom`` writes that workflow).
"""
from __future__ import annotations

import json
from typing import IO, Any

from graders.hookspecs import hookimpl
from graders.reporters.exercism import check_status, without_absolute_paths
from graders.results import Report


def classroom_results(report: Report) -> dict:
    """``report`` as one runner's result for GitHub Classroom's grading reporter."""
    tests = []
    for k in report.katas:
        for c in k.checks:
            details = [c.message or c.status.replace("_", " ")] if not c.passed else []
            details += [f"{label}: {text}" for label, text in (("call", c.call), ("example", c.example)) if text
                        and not c.passed]
            tests.append({"name": f"{k.kata}: {c.title}", "status": check_status(c), "score": c.points,
                          "message": without_absolute_paths("\n".join(details)), "test_code": c.code,
                          "filename": without_absolute_paths(k.file), "line_no": 0,
                          "duration": int(round(1000 * c.seconds))})
    statuses = {t["status"] for t in tests}
    status = "error" if statuses == {"error"} else "pass" if statuses == {"pass"} else "fail"
    return {"version": 1, "status": status, "max_score": report.max_points, "tests": tests}


def write_classroom(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write one autograding step's result (GitHub Classroom's grading reporter format), on one line."""
    stream.write(json.dumps(classroom_results(report)) + "\n")


@hookimpl
def register_reporters(register):
    register("github-classroom", write_classroom)
