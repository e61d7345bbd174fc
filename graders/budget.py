"""Grade one submission kata by kata under one overall time budget, as platforms that kill a late grader need.

Each kata is graded in turn in a grader process (``GraderPool`` with one
slot and a deadline); when the budget runs out, the kata being graded is
stopped and the katas after it are not started. Every check of those katas
is then marked as not graded (status ``timeout``, with a sentence saying so),
so a platform always gets a complete results file in time.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from graders.batch import prepare_grader
from graders.kata import Kata
from graders.pool import GraderPool
from graders.results import CheckResult, KataResult, Report
from graders.runner import GradeOptions
from graders.submissions import match_kata_files, materialize


def _grade_kata(context: tuple, payload: tuple[str, str]) -> dict:
    """In a grader process: grade the folder ``payload[1]`` on the kata ``payload[0]``; the report as a dict."""
    katas, runner = context
    kata_id, folder = payload
    return runner.grade([k for k in katas if k.id == kata_id], Path(folder)).to_dict(timings=True)


def not_graded(kata: Kata, visibility: tuple[str, ...], why: str) -> KataResult:
    """Every check of ``kata`` marked as not graded (status ``timeout``), with the sentence ``why``."""
    checks = [CheckResult(kata.id, c.name, c.title, 0, c.points, "timeout", c.visibility, message=why)
              for c in kata.checks_for(visibility)]
    return KataResult(kata.id, kata.title, f"{kata.id}.py", checks, problem=why)


def grade_within_budget(katas: list[Kata], folder: Path, work: Path, options: GradeOptions,
                        deadline: float) -> Report:
    """Grade ``folder`` (inside ``work``) on each kata in turn in a grader process, until ``deadline``."""
    pool = GraderPool(prepare_grader, ((), [k.id for k in katas], options, str(work)), _grade_kata, 1,
                      deadline=deadline)
    results: dict[str, KataResult] = {}
    isolation = ""
    tasks = [(k.id, (k.id, str(folder.relative_to(work)))) for k in katas]
    for outcome in pool.run(tasks):
        if outcome.status == "done":
            graded = Report.from_dict(outcome.value)
            isolation = isolation or graded.isolation
            results[outcome.key] = graded.katas[0]
        else:
            if outcome.status == "failed":
                print(outcome.value, file=sys.stderr)  # the instructor sees run_autograder's output
            kata = next(k for k in katas if k.id == outcome.key)
            why = ("not graded: " + outcome.problem) if outcome.status != "timeout" else outcome.problem
            results[outcome.key] = not_graded(kata, options.visibility, why)
    return Report("submission", [results[k.id] for k in katas], isolation)


def grade_submission(submission: Path, kata_ids: list[str], options: GradeOptions, deadline: float,
                     started: float | None = None) -> tuple[Report, dict[str, str]]:
    """Grade a platform's submission folder on ``kata_ids`` before ``deadline`` (a ``time.monotonic()`` value).

    The submission is materialized as ``grade batch`` does and each kata's file found by
    ``match_kata_files``; returns the report (each kata's ``file`` the file graded) and
    ``{kata: file name graded}``. Raises ``BadSubmission`` for a submission that cannot be graded.
    """
    from graders.plugins import load_registry

    started = time.monotonic() if started is None else started
    work = Path(tempfile.mkdtemp(prefix="ml-katas-platform-"))
    try:
        registry = load_registry(())
        katas = [registry.katas[k] for k in kata_ids]
        folder = materialize(submission, work / "submission")
        graded_files = match_kata_files(folder, kata_ids)
        report = grade_within_budget(katas, folder, work, options, deadline)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.seconds = time.monotonic() - started
    for kata in report.katas:
        kata.file = graded_files.get(kata.kata, kata.file)
    return report, graded_files


def write_results(path: Path, data: dict) -> None:
    """Write a platform's results file whole or not at all (a new file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)
