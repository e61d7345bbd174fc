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

from tests.conftest import REGISTRY, ROOT

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
    assert 0 < total < result["max_score"] == REGISTRY.katas["softmax"].max_points
    assert all(t["score"] == 0 for t in result["tests"] if t["status"] == "fail")
    assert not any(str(tmp_path) in t["message"] for t in result["tests"])
    (tmp_path / "repo" / "student" / "softmax.py").unlink()
    missing = _run_step(step, tmp_path / "repo", ROOT, tmp_path)
    assert sum(t["score"] for t in missing["tests"]) == 0 and missing["max_score"] == REGISTRY.katas["softmax"].max_points


def test_the_workflow_is_never_written_into_a_tree_with_hidden_checks(tmp_path):
    (tmp_path / "katas" / "softmax").mkdir(parents=True)
    (tmp_path / "katas" / "softmax" / "hidden.py").write_text("")
    run = grade_cli("export", "github-classroom", str(tmp_path), "--kata", "softmax")
    assert run.returncode == 2 and "katas/softmax/hidden.py" in run.stderr and "grade release" in run.stderr
    assert not (tmp_path / ".github").exists()
    run = grade_cli("export", "github-classroom", str(ROOT), "--kata", "softmax")  # the instructor's own tree
    assert run.returncode == 2 and "holds what students must not see" in run.stderr


# -- PrairieLearn -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    out = tmp_path_factory.mktemp("course")
    run = grade_cli("export", "prairielearn", str(out), "--kata", "softmax", "--seed", "s3cret", "--timeout", "60")
    assert run.returncode == 0, run.stderr
    return out


def test_the_question_is_graded_externally_from_server_files(course):
    info = json.loads((course / "questions" / "ml_katas" / "softmax" / "info.json").read_text())
    assert info["type"] == "v3" and info["gradingMethod"] == "External" and info["uuid"]
    options = info["externalGradingOptions"]
    assert options["enabled"] is True and options["image"] and options["timeout"] == 60
    assert options["serverFilesCourse"] == ["ml_katas/"]
    assert options["entrypoint"] == "/grade/serverFilesCourse/ml_katas/run.sh softmax"
    server = course / "serverFilesCourse" / "ml_katas"
    assert (server / "run.sh").stat().st_mode & 0o111
    assert (server / "katas" / "softmax" / "hidden.py").is_file() and (server / "reference" / "softmax.py").is_file()
    assert not list(server.rglob("mutants"))
    html = (course / "questions" / "ml_katas" / "softmax" / "question.html").read_text()
    assert 'file-name="softmax.py"' in html and "<pl-external-grader-results>" in html
    assert "raise NotImplementedError" in (course / "questions" / "ml_katas" / "softmax" / "softmax.py").read_text()
    assert json.loads((course / "infoCourse.json").read_text())["uuid"]


def _grade_job(course: Path, tmp: Path, files: dict[str, str]) -> dict:
    """Lay out /grade as PrairieLearn does (serverFilesCourse, student) and run the entry point."""
    grade = tmp / "grade"
    shutil.rmtree(grade, ignore_errors=True)
    shutil.copytree(course / "serverFilesCourse", grade / "serverFilesCourse")
    (grade / "student").mkdir(parents=True)
    for name, text in files.items():
        (grade / "student" / name).write_text(text)
    env = {**os.environ, "PL_GRADE_ROOT": str(grade), "PYTHON": sys.executable}
    run = subprocess.run(["bash", str(grade / "serverFilesCourse" / "ml_katas" / "run.sh"), "softmax"], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads((grade / "results" / "results.json").read_text())


def test_the_entry_point_writes_results_with_partial_credit_and_hides_hidden_checks(course, tmp_path):
    full = _grade_job(course, tmp_path, {"softmax.py": REFERENCE})
    assert full["gradable"] is True and full["score"] == 1.0
    points = REGISTRY.katas["softmax"].max_points
    assert sum(t["points"] for t in full["tests"]) == sum(t["max_points"] for t in full["tests"]) == points
    for test in full["tests"]:
        assert set(test) == {"name", "description", "points", "max_points", "message", "output"}
    half = _grade_job(course, tmp_path, {"softmax.py": REFERENCE.replace("return shifted - np.log(",
                                                                          "return 2 * shifted - np.log(")})
    assert 0 < half["score"] < 1
    hidden = [t for t in half["tests"] if t["name"].startswith("hidden check")]
    assert hidden and all(t["message"] == "" and t["description"] == "" for t in hidden)
    assert any(t["message"] for t in half["tests"] if not t["name"].startswith("hidden check"))
    empty = _grade_job(course, tmp_path, {"notes.txt": "no code"})
    assert empty["gradable"] is False and "could not be graded" in empty["format_errors"][0]
