"""Gradescope: the autograder bundle (``grade export gradescope OUT.zip``) and what it runs per submission.

The bundle holds ``setup.sh`` (Gradescope runs it once to build the image:
Python, bubblewrap, this project in a virtual environment), ``run_autograder``
(run per submission), the instructor's tree for the chosen katas (engine,
katas with their hidden checks, references; no mutants, tests or tools) and
``autograder.json`` (the katas, the secret grading seed, the visibility of
hidden checks). ``run_autograder`` calls ``python -m graders.gradescope ROOT``,
which grades ``ROOT/submission`` into ``ROOT/results/results.json`` and always
writes a results file, even for a submission that cannot be graded.
"""
from __future__ import annotations

import fnmatch
import json
import os
import secrets
import shutil
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

from graders.batch import prepare_grader
from graders.submissions import BadSubmission, materialize
from graders.kata import Kata
from graders.release import ReleaseError, in_tree, project_root
from graders.reporters.gradescope import DEFAULT_HIDDEN_VISIBILITY, VISIBILITIES, gradescope_results
from graders.runner import GradeOptions

CONFIG = "autograder.json"
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
                 hidden_visibility: str = DEFAULT_HIDDEN_VISIBILITY) -> list[str]:
    """Write the Gradescope autograder bundle for ``katas`` to ``out_zip``; return the names it holds."""
    root = project_root()
    if hidden_visibility not in VISIBILITIES:
        raise ReleaseError(f"hidden checks' visibility must be one of {', '.join(VISIBILITIES)}")
    for kata in katas:
        if not in_tree(kata, root):
            raise ReleaseError(f"kata {kata.id} does not live in {root / 'katas'}; the bundle holds this tree's katas")
    config = {"katas": [k.id for k in katas], "seed": seed or secrets.token_hex(16),
              "hidden_visibility": hidden_visibility}
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
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def run_autograder(root: Path) -> None:
    """Grade ``root/submission`` on the bundle's katas into ``root/results/results.json``."""
    results = root / "results" / "results.json"
    config = json.loads((root / "source" / CONFIG).read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="ml-katas-gradescope-"))
    try:
        options = GradeOptions(isolation="auto", seed=config["seed"])  # auto probes whether bwrap works here
        katas, runner = prepare_grader((), config["katas"], options, str(work))
        folder = materialize(root / "submission", work / "submission")
        report = runner.grade(katas, folder.relative_to(work))
        _write(results, gradescope_results(report, config["hidden_visibility"]))
    except BadSubmission as exc:
        _write(results, {"score": 0, "output": f"Your submission could not be graded: {exc}.", "tests": []})
    except Exception:  # noqa: BLE001 - Gradescope must always get a results file
        traceback.print_exc()
        _write(results, {"score": 0, "output": "The autograder failed on this submission; your instructor can see "
                                               "why in the autograder output.", "tests": []})
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    run_autograder(Path(sys.argv[1] if len(sys.argv) > 1 else "/autograder"))
