"""The grade command as a user meets it: exit codes, messages, the JSON report, list."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from graders.results import STATUSES
from tests.conftest import ROOT

TOY = ["--plugin", "tests/fixtures/toy_plugin.py", "--kata", "toy_double"]
SUBMISSIONS = "tests/fixtures/toy_submissions"


def grade(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "grade.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_exit_0_when_every_check_passes():
    run = grade(*TOY, "--submission", f"{SUBMISSIONS}/good.py")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "score 6/6 (100 %)" in run.stdout
    assert run.stderr.count("isolation:") == 1


def test_exit_1_when_a_check_fails_and_the_stub_says_not_started():
    run = grade(*TOY, "--submission", f"{SUBMISSIONS}/stub.py")
    assert run.returncode == 1
    assert "not started" in run.stdout and "Traceback" not in run.stdout + run.stderr


def test_unknown_kata_is_a_usage_error_with_did_you_mean():
    run = grade("--plugin", "tests/fixtures/toy_plugin.py", "--kata", "toy_dubble")
    assert run.returncode == 2
    assert "unknown kata 'toy_dubble'" in run.stderr and "Did you mean 'toy_double'?" in run.stderr


def test_wrong_path_and_missing_kata_are_usage_errors():
    run = grade(*TOY, "--submission", "no/such/folder")
    assert run.returncode == 2 and "no such folder or file: no/such/folder" in run.stderr
    run = grade("--submission", "reference")
    assert run.returncode == 2 and "--kata" in run.stderr


def test_syntax_error_is_one_sentence_and_no_traceback():
    run = grade(*TOY, "--submission", f"{SUBMISSIONS}/syntax_error.py")
    assert run.returncode == 1
    assert "syntax_error.py has a syntax error on line 4" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_json_report(tmp_path):
    out = tmp_path / "report.json"
    run = grade(*TOY, "--submission", f"{SUBMISSIONS}/wrong.py", "--json", str(out))
    assert run.returncode == 1
    report = json.loads(out.read_text())
    assert report["schema"] == "ml-katas/report/1"
    kata = report["katas"][0]
    assert kata["kata"] == "toy_double" and kata["max_points"] == 6
    for check in kata["checks"]:
        assert {"kata", "check", "points", "max_points", "status", "message", "visibility"} <= set(check)
        assert check["status"] in STATUSES
    assert {c["visibility"] for c in kata["checks"]} == {"public", "hidden"}


def test_list_shows_every_kata_with_scores():
    run = grade("list", "--plugin", "tests/fixtures/toy_plugin.py", "--submission", f"{SUBMISSIONS}/good.py")
    assert run.returncode == 0
    line = next(line for line in run.stdout.splitlines() if line.startswith("toy_double"))
    assert "testing" in line and "Toy: double" in line and line.rstrip().endswith("100 %")


def test_bwrap_requested_but_missing_is_a_usage_error(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}  # no bwrap on this PATH
    run = subprocess.run([sys.executable, "grade.py", *TOY, "--submission", f"{SUBMISSIONS}/good.py",
                          "--isolation", "bwrap"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 2
    assert "bubblewrap" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "grade.py", *TOY, "--submission", f"{SUBMISSIONS}/good.py"],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0 and "isolation: process" in run.stderr


def test_exitfirst_says_it_stopped_shows_no_percentage_and_keeps_saved_progress(tmp_path):
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "toy_double.py").write_text((ROOT / SUBMISSIONS / "wrong.py").read_text())
    full = grade(*TOY, "--submission", str(folder))
    saved = json.loads((folder / ".ml-katas-progress.json").read_text())["katas"]["toy_double"]
    out = tmp_path / "report.json"
    for flag in ("-x", "--exitfirst"):
        run = grade(*TOY, "--submission", str(folder), flag, "--json", str(out))
        assert run.returncode == 1
        assert "stopped at the first failing check (-x)" in run.stdout and "no score" in run.stdout
        assert "%" not in run.stdout, run.stdout
        assert json.loads((folder / ".ml-katas-progress.json").read_text())["katas"]["toy_double"] == saved
        kata = json.loads(out.read_text())["katas"][0]
        assert kata["not_run"] >= 1 and kata["not_run_points"] >= 1
    assert "score" in full.stdout and "%" in full.stdout
    assert "--failed-first" not in grade("--help").stdout
