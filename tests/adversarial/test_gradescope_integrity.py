"""The Gradescope bundle in a container where bubblewrap cannot run, graded as root: the submission runs under a
uid of its own and can neither read the bundle (seed, hidden checks, references) nor write the results."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

SEED = "s3cret-seed-4f1c"

# Reads the bundle as the public layout of /autograder says it is, and tries to write its own 100 % results.
CHEAT = '''import numpy as np
found = []
for path in ("__ROOT__/source/autograder.json", "__ROOT__/source/katas/softmax/hidden.py",
             "__ROOT__/source/reference/softmax.py"):
    try:
        with open(path) as f:
            found.append(f.read()[:400])
    except OSError as exc:
        found.append(type(exc).__name__)
for name in ("results.json", "results.json.partial"):
    try:
        with open("__ROOT__/results/" + name, "w") as f:
            f.write('{"score": 100, "tests": [], "output": "forged"}')
    except OSError:
        pass


def softmax(x):
    raise ValueError("read: " + " | ".join(found))


log_softmax = cross_entropy = softmax
'''


@pytest.mark.skipif(not (hasattr(os, "geteuid") and os.geteuid() == 0), reason="the container case: grading as root")
def test_a_submission_reads_no_bundle_file_and_writes_no_result(tmp_path):
    run = subprocess.run([sys.executable, "grade.py", "export", "gradescope", str(tmp_path / "autograder.zip"),
                          "--kata", "softmax", "--seed", SEED], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    root = Path(tempfile.mkdtemp(prefix="mlk-autograder-"))  # like /autograder: every user may enter it
    try:
        root.chmod(0o755)
        with zipfile.ZipFile(tmp_path / "autograder.zip") as zf:
            zf.extractall(root / "source")
        (root / "results").mkdir(mode=0o777)
        (root / "results").chmod(0o777)  # a platform that leaves its results folder open
        (root / "submission").mkdir()
        (root / "submission" / "softmax.py").write_text(CHEAT.replace("__ROOT__", str(root)))
        no_bwrap = tmp_path / "bin"
        no_bwrap.mkdir()
        (no_bwrap / "bwrap").write_text("#!/bin/sh\nexit 1\n")  # Docker's seccomp profile: no namespaces
        (no_bwrap / "bwrap").chmod(0o755)
        env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PYTHON": sys.executable,
               "PATH": f"{no_bwrap}:{os.environ['PATH']}"}
        env.pop("ML_KATAS_SEED", None)
        run = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True,
                             text=True, timeout=600)
        assert run.returncode == 0, run.stdout + run.stderr
        results = (root / "results" / "results.json").read_text()
        data = json.loads(results)
        assert "forged" not in results and data["tests"], results[:2000]
        assert "isolation: process" in data["output"]
        assert SEED not in results, "the submission read the grading seed"
        assert "def " not in results, "the submission read a hidden check or the reference"
        assert "PermissionError" in results  # it tried, and was refused
        assert data["score"] == 0
    finally:
        shutil.rmtree(root, ignore_errors=True)
