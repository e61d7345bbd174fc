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
import sys
import time
import traceback
import zipfile
from pathlib import Path

from graders.budget import grade_submission, write_results
from graders.kata import Kata
from graders.release import ReleaseError, in_tree, project_root
from graders.reporters.gradescope import DEFAULT_HIDDEN_VISIBILITY, VISIBILITIES, gradescope_results
from graders.runner import GradeOptions
from graders.sandbox.privileges import WORKER_UID_BASE, grader_is_root, protect, reachable_as
from graders.submissions import BadSubmission

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


def reference_path(kata: Kata, root: Path) -> Path:
    path = root / (kata.reference_module.replace(".", "/") + ".py")
    if not path.is_file():
        raise ReleaseError(f"kata {kata.id}: its reference {kata.reference_module} is not in {root}")
    return path


def grading_files(katas: list[Kata], root: Path) -> list[Path]:
    """The instructor's files a platform needs to grade ``katas``: the engine, the katas with their hidden checks,
    the known mistakes (for diagnosis by replay) and the references (no tests or tools)."""
    files = [root / name for name in ("grade.py", "pyproject.toml", "README.md", "katas/__init__.py",
                                      "reference/__init__.py")]
    for folder in [root / "graders", *(kata.folder for kata in katas)]:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not _left_out(d))
            files += [Path(dirpath) / name for name in sorted(filenames) if not _left_out(name)]
    return files + [reference_path(kata, root) for kata in katas]


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
        for path in grading_files(katas, root):
            zf.write(path, path.relative_to(root).as_posix())
        return zf.namelist()


GRADER_PACKAGES = ("graders", "katas", "reference")


def secure_bundle(root: Path) -> str:
    """Where the grader is root: make the bundle, its installed copy and the results private to root, then prove it.

    A process running as an unprivileged uid (as the worker will) must read none of the bundle's files (the
    seed, hidden checks, references) and create nothing in the results folder. Returns "" when that holds,
    else a sentence saying what it could reach.
    """
    if not grader_is_root():
        return ""
    source, results = root / "source", root / "results"
    results.mkdir(parents=True, exist_ok=True)
    installed = [Path(p) / name for p in sys.path if Path(p).name in ("site-packages", "dist-packages")
                 for name in GRADER_PACKAGES if (Path(p) / name).is_dir()]  # setup.sh's pip install
    protect([source, results, *installed])
    files = [source / CONFIG, *sorted(source.rglob("*.py"))[:400]]
    files += [f for package in installed for f in sorted(package.rglob("*.py"))[:400]]
    reached = reachable_as(WORKER_UID_BASE + os.getpid(), files, [results])
    if not reached:
        return ""
    return (f"an unprivileged user can reach {len(reached)} of the grading files or the results folder "
            f"(e.g. {reached[0][2:]}); make them private to root (chmod go-rwx) and run again")


def run_autograder(root: Path) -> None:
    """Grade ``root/submission`` on the bundle's katas into ``root/results/results.json``, within the time budget.

    Where the grader is root, the bundle is first made unreadable to the worker (``secure_bundle``);
    if that cannot be shown to hold, nothing is graded and the results say why.
    """
    started = time.monotonic()
    results = root / "results" / "results.json"
    try:
        unsafe = secure_bundle(root)
        if unsafe:
            print(f"refusing to grade: {unsafe}", file=sys.stderr)
            write_results(results, {"score": 0, "output": "The autograder refused to grade: it could not keep the "
                                                       "grading files away from submissions; your instructor can "
                                                       "see why in the autograder output.", "tests": []})
            return
        config = json.loads((root / "source" / CONFIG).read_text(encoding="utf-8"))
        deadline = started + float(config.get("time_budget", DEFAULT_TIME_BUDGET))
        options = GradeOptions(isolation="auto", seed=config["seed"])  # auto probes whether bwrap works here
        report, graded_files = grade_submission(root / "submission", config["katas"], options, deadline, started)
        write_results(results, gradescope_results(report, config["hidden_visibility"], graded_files))
    except BadSubmission as exc:
        write_results(results, {"score": 0, "output": f"Your submission could not be graded: {exc}.", "tests": []})
    except Exception:  # noqa: BLE001 - Gradescope must always get a results file
        traceback.print_exc()
        write_results(results, {"score": 0, "output": "The autograder failed on this submission; your instructor can see "
                                               "why in the autograder output.", "tests": []})


if __name__ == "__main__":
    run_autograder(Path(sys.argv[1] if len(sys.argv) > 1 else "/autograder"))
