"""Exports to the platforms courses grade on: GitHub Classroom's workflow and PrairieLearn's external grader."""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

REFERENCE = (ROOT / "reference" / "softmax.py").read_text()


def grade_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "grade.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


# -- GitHub Classroom -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """The workflow exported into an (empty) student edition, and its YAML."""
    yaml = pytest.importorskip("yaml")
    folder = tmp_path_factory.mktemp("edition")
    run = grade_cli("export", "github-classroom", str(folder), "--kata", "softmax", "--kata", "losses")
    assert run.returncode == 0, run.stderr
    path = folder / ".github" / "workflows" / "classroom.yml"
    return path, yaml.safe_load(path.read_text())


def test_the_workflow_has_a_step_per_kata_and_feeds_each_to_the_reporter(classroom):
    _, flow = classroom
    job = flow["jobs"]["run-autograding-tests"]
    steps = {s.get("id"): s for s in job["steps"] if s.get("id")}
    assert set(steps) == {"softmax", "losses"}
    reporter = job["steps"][-1]
    assert reporter["uses"].startswith("classroom-resources/autograding-grading-reporter@")
    assert reporter["with"]["runners"] == "softmax,losses"
    # the reporter reads <RUNNER>_RESULTS for each runner
    assert reporter["env"] == {f"{k.upper()}_RESULTS": f"${{{{ steps.{k}.outputs.result }}}}" for k in steps}
    fetch = next(s for s in job["steps"] if s.get("with", {}).get("path") == ".grader")
    assert "secrets.ML_KATAS_GRADER_TOKEN" in fetch["with"]["token"] and fetch["if"]


def _run_step(step: dict, workspace: Path, tree: Path, tmp: Path) -> dict:
    """Run a kata step's script as the runner would, in ``tree``; the result the reporter decodes."""
    output = tmp / "github_output"
    output.write_text("")
    env = {**os.environ, "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(tmp), "GITHUB_OUTPUT": str(output),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tree, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    (line,) = output.read_text().splitlines()
    name, _, encoded = line.partition("=")
    assert name == "result"
    return json.loads(base64.b64decode(encoded))


def test_a_kata_step_gives_partial_credit_per_check(classroom, tmp_path):
    _, flow = classroom
    step = next(s for s in flow["jobs"]["run-autograding-tests"]["steps"] if s.get("id") == "softmax")
    (tmp_path / "repo" / "student").mkdir(parents=True)
    half_right = REFERENCE.replace("return shifted - np.log(", "return 2 * shifted - np.log(")  # log_softmax wrong
    (tmp_path / "repo" / "student" / "softmax.py").write_text(half_right)
    result = _run_step(step, tmp_path / "repo", ROOT, tmp_path)  # ROOT stands for the private tree in .grader/
    assert result["version"] == 1 and result["status"] == "fail"
    assert {t["status"] for t in result["tests"]} == {"pass", "fail"}
    total = sum(t["score"] for t in result["tests"])  # what the reporter sends to Classroom
    assert 0 < total < result["max_score"] == 18
    assert all(t["score"] == 0 for t in result["tests"] if t["status"] == "fail")
    assert not any(str(tmp_path) in t["message"] for t in result["tests"])
    (tmp_path / "repo" / "student" / "softmax.py").unlink()
    missing = _run_step(step, tmp_path / "repo", ROOT, tmp_path)
    assert sum(t["score"] for t in missing["tests"]) == 0 and missing["max_score"] == 18


def test_the_workflow_is_never_written_into_a_tree_with_hidden_checks(tmp_path):
    (tmp_path / "katas" / "softmax").mkdir(parents=True)
    (tmp_path / "katas" / "softmax" / "hidden.py").write_text("")
    run = grade_cli("export", "github-classroom", str(tmp_path), "--kata", "softmax")
    assert run.returncode == 2 and "katas/softmax/hidden.py" in run.stderr and "grade release" in run.stderr
    assert not (tmp_path / ".github").exists()
    run = grade_cli("export", "github-classroom", str(ROOT), "--kata", "softmax")  # the instructor's own tree
    assert run.returncode == 2 and "holds what students must not see" in run.stderr
