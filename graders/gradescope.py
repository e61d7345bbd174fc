"""Gradescope: the autograder bundle (``grade export gradescope OUT.zip``) and what it runs per submission.

The bundle holds ``setup.sh`` (Gradescope runs it once to build the image:
Python, bubblewrap, this project in a virtual environment), ``run_autograder``
(run per submission), the instructor's tree for the chosen katas (engine,
katas with their hidden checks and known mistakes, references; no tests or tools) and
``autograder.json`` (the katas, the secret grading seed, the visibility of
hidden checks). ``run_autograder`` calls ``python -m graders.gradescope ROOT``,
which grades ``ROOT/submission`` into ``ROOT/results/results.json`` and always
writes a results file, even for a submission that cannot be graded.

Each kata is graded in a grader process of its own pool, under one overall
time budget (``autograder.json``'s ``time_budget``, below the assignment's
limit): a kata still running when the budget runs out is stopped, the katas
after it are not started, and every check of both is marked as not graded in
a ``results.json`` that is always written. Files are matched to katas as
``grade batch`` does (``graders.submissions.match_kata_files``), and the
output says which file was graded for which kata.
"""
from __future__ import annotations

import fnmatch
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

from graders.batch import prepare_grader
from graders.kata import Kata
from graders.pool import GraderPool
from graders.release import ReleaseError, in_tree, project_root
from graders.reporters.gradescope import DEFAULT_HIDDEN_VISIBILITY, VISIBILITIES, gradescope_results
from graders.results import CheckResult, KataResult, Report
from graders.runner import GradeOptions
from graders.submissions import BadSubmission, match_kata_files, materialize

CONFIG = "autograder.json"
DEFAULT_TIME_BUDGET = 540.0  # seconds: below Gradescope's default limit of 10 minutes, leaving time to start
LEFT_OUT = ("mutants", "__pycache__", "*.pyc", ".*")

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image: Python, bubblewrap, then this project.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3 python3-venv python3-pip bubblewrap
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet /autograder/source
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission: grade /autograder/submission into /autograder/results/results.json.
# AUTOGRADER_ROOT and PYTHON override the defaults (to try the bundle outside Gradescope).
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${PYTHON:-$ROOT/venv/bin/python}"
cd "$ROOT/source" && exec "$PYTHON" -m graders.gradescope "$ROOT"
"""


def _add_file(zf: zipfile.ZipFile, name: str, text: str, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, text)


def _left_out(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in LEFT_OUT)


def _add_tree(zf: zipfile.ZipFile, folder: Path, root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not _left_out(d))
        for name in sorted(n for n in filenames if not _left_out(n)):
            path = Path(dirpath) / name
            zf.write(path, path.relative_to(root).as_posix())


def _reference_path(kata: Kata, root: Path) -> Path:
    path = root / (kata.reference_module.replace(".", "/") + ".py")
    if not path.is_file():
        raise ReleaseError(f"kata {kata.id}: its reference {kata.reference_module} is not in {root}")
    return path


def build_bundle(katas: list[Kata], out_zip: Path, seed: str | None = None,
                 hidden_visibility: str = DEFAULT_HIDDEN_VISIBILITY, time_budget: float = DEFAULT_TIME_BUDGET) -> list[str]:
    """Write the Gradescope autograder bundle for ``katas`` to ``out_zip``; return the names it holds.

    ``time_budget``: seconds one submission may take in all; set it below the assignment's time limit.
    """
    root = project_root()
    if hidden_visibility not in VISIBILITIES:
        raise ReleaseError(f"hidden checks' visibility must be one of {', '.join(VISIBILITIES)}")
    if time_budget <= 0:
        raise ReleaseError("the time budget must be a positive number of seconds")
    for kata in katas:
        if not in_tree(kata, root):
            raise ReleaseError(f"kata {kata.id} does not live in {root / 'katas'}; the bundle holds this tree's katas")
    config = {"katas": [k.id for k in katas], "seed": seed or secrets.token_hex(16),
              "hidden_visibility": hidden_visibility, "time_budget": time_budget}
    with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        _add_file(zf, "setup.sh", SETUP_SH, executable=True)
        _add_file(zf, "run_autograder", RUN_AUTOGRADER, executable=True)
        _add_file(zf, CONFIG, json.dumps(config, indent=1) + "\n")
        for name in ("grade.py", "pyproject.toml", "README.md", "katas/__init__.py", "reference/__init__.py"):
            zf.write(root / name, name)
        _add_tree(zf, root / "graders", root)
        for kata in katas:
            _add_tree(zf, kata.folder, root)
            zf.write(_reference_path(kata, root), _reference_path(kata, root).relative_to(root).as_posix())
        return zf.namelist()


def _write(results: Path, data: dict) -> None:
    """Write ``results.json`` whole or not at all (a new file renamed over the old one)."""
    results.parent.mkdir(parents=True, exist_ok=True)
    partial = results.with_name(results.name + ".partial")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, results)


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


def run_autograder(root: Path) -> None:
    """Grade ``root/submission`` on the bundle's katas into ``root/results/results.json``, within the time budget."""
    deadline_start = time.monotonic()
    results = root / "results" / "results.json"
    config = json.loads((root / "source" / CONFIG).read_text(encoding="utf-8"))
    deadline = deadline_start + float(config.get("time_budget", DEFAULT_TIME_BUDGET))
    work = Path(tempfile.mkdtemp(prefix="ml-katas-gradescope-"))
    try:
        from graders.plugins import load_registry

        katas = [load_registry(()).katas[k] for k in config["katas"]]
        folder = materialize(root / "submission", work / "submission")
        graded_files = match_kata_files(folder, config["katas"])
        options = GradeOptions(isolation="auto", seed=config["seed"])  # auto probes whether bwrap works here
        report = grade_within_budget(katas, folder, work, options, deadline)
        report.seconds = time.monotonic() - deadline_start
        for kata in report.katas:
            kata.file = graded_files.get(kata.kata, kata.file)
        _write(results, gradescope_results(report, config["hidden_visibility"], graded_files))
    except BadSubmission as exc:
        _write(results, {"score": 0, "output": f"Your submission could not be graded: {exc}.", "tests": []})
    except Exception:  # noqa: BLE001 - Gradescope must always get a results file
        traceback.print_exc()
        _write(results, {"score": 0, "output": "The autograder failed on this submission; your instructor can see "
                                               "why in the autograder output.", "tests": []})
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    from graders import gradescope  # the module by its name, so that grader processes find _grade_kata

    gradescope.run_autograder(Path(sys.argv[1] if len(sys.argv) > 1 else "/autograder"))
