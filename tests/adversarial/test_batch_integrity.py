"""grade batch against hostile classmates: a broken file is one row, and nobody reaches anyone else's submission."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.adversarial.test_adversarial import AS_ROOT, ISOLATION
from tests.conftest import ROOT

TOY = ROOT / "tests" / "fixtures" / "toy_plugin.py"
GOOD = (ROOT / "tests" / "fixtures" / "toy_submissions" / "good.py").read_text()
ZERO = "import numpy as np\n\ndef double(x):\n    return np.zeros_like(x)\n"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J"

# Graded first (its name sorts first): overwrite every classmate's unpacked file it can find through the
# grader's working folder, and copy the first one it can read.
OVERWRITER = '''import glob, os
ZERO = {ZERO!r}
found = []
for base in {{os.readlink(f"/proc/{{os.getppid()}}/cwd") if os.path.exists(f"/proc/{{os.getppid()}}/cwd") else "",
             os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}}:
    try:
        found += glob.glob(os.path.join(base, "*", "toy_double.py"))
    except OSError:
        pass
namespace = {{}}
for path in found:
    if os.path.abspath(path) == os.path.abspath(__file__) or os.path.basename(os.path.dirname(path)) == "aaron":
        continue
    try:
        with open(path) as f:
            source = f.read()
        if "2 * x" in source:
            exec(source, namespace)
        with open(path, "w") as f:
            f.write(ZERO)
    except OSError:
        pass
def double(x):
    return namespace["double"](x) if "double" in namespace else 0 * x
'''.format(ZERO=ZERO)


def make_zip(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)


@pytest.mark.parametrize("isolation", ISOLATION)
def test_broken_files_are_rows_and_classmates_are_out_of_reach(tmp_path, isolation):
    subs = tmp_path / "submissions"
    subs.mkdir()
    (subs / "aaron").mkdir()
    (subs / "aaron" / "toy_double.py").write_text(OVERWRITER)
    for name in ("alice", "zoe"):
        (subs / name).mkdir()
        (subs / name / "toy_double.py").write_text(GOOD)
    make_zip(subs / "bob.zip", {"toy_double.py": GOOD, "toy_double.py/extra.py": "x = 1\n"})
    make_zip(subs / "carol.zip", {"x" * 300 + ".py": "x = 1\n", "toy_double.py": GOOD})
    whole = tmp_path / "whole.zip"
    make_zip(whole, {"toy_double.py": GOOD * 20})
    (subs / "dave.zip").write_bytes(whole.read_bytes()[:-30])
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "source": GOOD, "outputs": [], "execution_count": None}],
                "metadata": {"ml_katas": {"kata": "k" * 400}}, "nbformat": 4, "nbformat_minor": 5}
    (subs / "erin.ipynb").write_text(json.dumps(notebook))
    (subs / f"{ESCAPES}mallory").mkdir()
    (subs / f"{ESCAPES}mallory" / "toy_double.py").write_text(GOOD)
    out = tmp_path / "grades"
    run = subprocess.run([sys.executable, "grade.py", "--plugin", str(TOY), "batch", str(subs), "--out", str(out),
                          "--kata", "toy_double", "--timeout", "2", "--isolation", isolation, "-j", "1",
                          "--allow-same-user"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={k: v for k, v in os.environ.items() if k != "ML_KATAS_SEED"})

    shown = run.stdout + run.stderr
    assert "Traceback" not in shown, shown
    assert "\x1b" not in shown and "\x07" not in shown
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert "\x1b" not in "".join(rows)
    assert {"aaron", "alice", "bob", "carol", "dave", "erin", "zoe"} <= set(rows), sorted(rows)
    for student in ("bob", "carol", "dave"):
        assert rows[student]["total"] == "0" and rows[student]["note"], rows[student]
    assert "cannot be unpacked" in rows["bob"]["note"] and "cannot be unpacked" in rows["carol"]["note"]
    if isolation == "bwrap" or AS_ROOT:  # the worker cannot reach the grader's folders (SECURITY.md)
        for student in ("alice", "zoe"):
            assert rows[student]["total"] == rows[student]["max_points"] == "6", rows[student]
        assert float(rows["aaron"]["total"]) < 6, "a classmate's solution was read"


@pytest.mark.parametrize("requested", ["auto", "process"])
def test_a_class_is_not_graded_where_every_worker_runs_as_the_graders_user(tmp_path, monkeypatch, requested):
    """No bubblewrap and not root: submissions could reach each other, so batch refuses unless told otherwise."""
    from click.testing import CliRunner

    from graders import cli
    from graders.sandbox import limits, privileges

    monkeypatch.setattr(privileges, "grader_is_root", lambda: False)
    monkeypatch.setattr(limits, "bwrap_works", lambda uid=None: False)
    monkeypatch.setattr(limits.shutil, "which", lambda name: None)
    subs = tmp_path / "submissions"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / "toy_double.py").write_text(GOOD)
    args = ["--plugin", str(TOY), "batch", str(subs), "--out", str(tmp_path / "grades"), "--kata", "toy_double",
            "--isolation", requested, "-j", "1"]
    refused = CliRunner().invoke(cli.main, args)
    assert refused.exit_code == 2, refused.output
    said = " ".join(refused.output.split())
    assert "refuses to grade a class here" in said and "could read or rewrite its classmates' files" in said
    assert "apt-get install bubblewrap" in said and "as root" in said and "--allow-same-user" in said
    assert ("--isolation process was chosen" if requested == "process" else "bubblewrap is not installed") in said
    assert not (tmp_path / "grades" / "gradebook.csv").exists()

    monkeypatch.setattr(privileges, "grader_is_root", lambda: True)  # root: each worker gets a uid of its own
    from graders.batch import same_user_risk
    assert same_user_risk("process", requested) is None and same_user_risk("bwrap") is None
