"""Report formats, each checked against the field definitions it claims to follow.

- Gradescope autograder results.json: top-level score, execution_time, output,
  output_format, tests (and the optional visibility, stdout_visibility,
  extra_data, test_output_format, test_name_format, leaderboard); a test has
  score, max_score, status ("passed"/"failed"), name, name_format, number,
  output, output_format, tags, visibility, extra_data. Visibility is one of
  hidden, after_due_date, after_published, visible; formats are text, html,
  simple_format, md, ansi.
- Exercism test-runner interface v3: version (3), status (pass/fail/error),
  message (required with error), tests; a test has name, test_code, status
  (pass/fail/error), message (required unless pass), output (at most 500
  characters), task_id (an integer from 1).
- JUnit XML as Jenkins (xunit-plugin's junit-10.xsd) and GitLab read it:
  testsuites (name, time, tests, failures, errors: no skipped) > testsuite
  (name, tests, failures, errors required; skipped, time, timestamp, hostname,
  id, package, file, log, url, group optional) > testcase (name required;
  classname, time, group) with skipped/failure/error (message, type),
  system-out, system-err; properties > property (name, value, both required);
  times match the schema's SUREFIRE_TIME pattern.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graders.plugins import DEFAULT_PLUGINS, load_registry
from graders.reporters.exercism import exercism_results
from graders.reporters.gradescope import gradescope_results
from graders.reporters.junit import junit_tree, write_junit
from graders.results import CheckResult, KataResult, Report
from graders.runner import GradeOptions, Runner
from tests.conftest import ROOT

TOY_PLUGIN = str(ROOT / "tests" / "fixtures" / "toy_plugin.py")
SUBMISSIONS = ROOT / "tests" / "fixtures" / "toy_submissions"

GS_VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
GS_FORMATS = {"text", "html", "simple_format", "md", "ansi"}
GS_TOP = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
          "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
GS_TEST = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
           "visibility", "extra_data"}

EX_TOP = {"version", "status", "message", "tests"}
EX_TEST = {"name", "test_code", "status", "message", "output", "task_id"}
EX_STATUS = {"pass", "fail", "error"}

JUNIT_ATTRIBUTES = {  # the attributes junit-10.xsd allows on each element
    "testsuites": {"name", "time", "tests", "failures", "errors"},
    "testsuite": {"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id",
                  "package", "file", "log", "url"},
    "testcase": {"name", "time", "classname", "group"},
    "failure": {"message", "type"},
    "error": {"message", "type"},
    "skipped": {"message", "type"},
    "properties": set(),
    "property": {"name", "value"},
    "system-out": set(),
    "system-err": set(),
}
JUNIT_REQUIRED = {"testsuite": {"name", "tests", "failures", "errors"}, "testcase": {"name"},
                  "property": {"name", "value"}}
JUNIT_TIME = re.compile(r"(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?")  # the schema's SUREFIRE_TIME
JUNIT_CHILDREN = {
    "testsuites": {"testsuite"},
    "testsuite": {"properties", "testcase", "system-out", "system-err"},
    "testcase": {"failure", "error", "skipped", "system-out", "system-err"},
    "properties": {"property"},
}


@pytest.fixture(scope="module")
def toy():
    return load_registry([TOY_PLUGIN]).katas["toy_double"]


@pytest.fixture(scope="module")
def wrong_report(toy):
    """Failures with calls, examples and the submission's own printing; public and hidden checks."""
    return Runner(GradeOptions(timeout=1.0)).grade([toy], SUBMISSIONS / "wrong.py")


@pytest.fixture(scope="module")
def broken_report(toy):
    """A file that cannot be imported: every check is an error."""
    return Runner(GradeOptions(timeout=1.0)).grade([toy], SUBMISSIONS / "syntax_error.py")


@pytest.fixture(scope="module")
def good_report(toy):
    return Runner(GradeOptions(timeout=1.0)).grade([toy], SUBMISSIONS / "good.py")


def assert_gradescope(data: dict) -> None:
    assert set(data) <= GS_TOP, set(data) - GS_TOP
    assert isinstance(data["score"], (int, float))
    assert isinstance(data.get("execution_time", 0), int) and data.get("execution_time", 0) >= 0
    assert data.get("output_format", "text") in GS_FORMATS
    for test in data["tests"]:
        assert set(test) <= GS_TEST, set(test) - GS_TEST
        assert isinstance(test["name"], str) and test["name"]
        assert isinstance(test["score"], (int, float)) and isinstance(test["max_score"], (int, float))
        assert 0 <= test["score"] <= test["max_score"]
        assert test["status"] in ("passed", "failed")
        assert test["visibility"] in GS_VISIBILITY
        assert test.get("output_format", "text") in GS_FORMATS
        assert isinstance(test["output"], str)
        assert all(isinstance(tag, str) for tag in test.get("tags", []))
    assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))


def assert_exercism(data: dict) -> None:
    assert set(data) <= EX_TOP, set(data) - EX_TOP
    assert data["version"] == 3
    assert data["status"] in EX_STATUS
    assert ("message" in data) == (data["status"] == "error")
    if data["status"] != "error":
        assert "tests" in data
    for test in data.get("tests", []):
        assert set(test) <= EX_TEST, set(test) - EX_TEST
        assert isinstance(test["name"], str) and isinstance(test["test_code"], str)
        assert test["status"] in EX_STATUS
        if test["status"] != "pass":
            assert isinstance(test["message"], str) and test["message"]
        assert len(test.get("output", "")) <= 500
        if "task_id" in test:
            assert isinstance(test["task_id"], int) and test["task_id"] >= 1
    statuses = {t["status"] for t in data.get("tests", [])}
    if data["status"] == "pass":
        assert statuses == {"pass"}
    if data["status"] == "fail":
        assert statuses - {"pass"}


def assert_junit(root: ET.Element) -> None:
    def walk(element: ET.Element) -> None:
        assert element.tag in JUNIT_ATTRIBUTES, element.tag
        assert set(element.attrib) <= JUNIT_ATTRIBUTES[element.tag], (element.tag, element.attrib)
        assert JUNIT_REQUIRED.get(element.tag, set()) <= set(element.attrib), (element.tag, element.attrib)
        if element.tag in ("testsuites", "testsuite") and "time" in element.attrib:
            assert JUNIT_TIME.fullmatch(element.get("time")), element.get("time")
        for child in element:
            assert child.tag in JUNIT_CHILDREN.get(element.tag, set()), (element.tag, child.tag)
            walk(child)

    assert root.tag == "testsuites"
    walk(root)
    for element in [root, *root.iter("testsuite")]:
        cases = list(element.iter("testcase"))
        assert int(element.get("tests")) == len(cases)
        assert int(element.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(element.get("errors")) == sum(c.find("error") is not None for c in cases)
        if element.tag == "testsuite":
            assert int(element.get("skipped", "0")) == sum(c.find("skipped") is not None for c in cases)
    for suite in root.iter("testsuite"):
        assert suite.get("name")
        for case in suite.iter("testcase"):
            assert case.get("name") and case.get("classname")


def test_every_format_is_a_default_plugin():
    reporters = load_registry().reporters
    assert {"terminal", "json", "junit", "gradescope", "exercism"} <= set(reporters)
    assert {f"graders.reporters.{m}" for m in ("junit", "gradescope", "exercism")} <= set(DEFAULT_PLUGINS)


def test_gradescope_fields(wrong_report, good_report):
    for report in (wrong_report, good_report):
        assert_gradescope(gradescope_results(report))
    data = gradescope_results(wrong_report)
    by_name = {t["extra_data"]["check"]: t for t in data["tests"]}
    assert by_name["double_doubles"]["visibility"] == "visible"
    assert by_name["double_doubles"]["status"] == "failed"
    assert "call: double(" in by_name["double_doubles"]["output"]
    assert by_name["square_matches_reference"]["visibility"] == "after_published"
    assert data["score"] == wrong_report.points
    assert gradescope_results(good_report)["score"] == good_report.max_points


def test_gradescope_hidden_checks_can_stay_hidden(wrong_report):
    data = gradescope_results(wrong_report, hidden_visibility="hidden")
    assert {t["visibility"] for t in data["tests"] if "hidden" in t["tags"]} == {"hidden"}
    with pytest.raises(ValueError):
        gradescope_results(wrong_report, hidden_visibility="sometimes")


def test_exercism_fields(wrong_report, good_report, broken_report):
    for report in (wrong_report, good_report, broken_report):
        assert_exercism(exercism_results(report))
    assert exercism_results(good_report)["status"] == "pass"
    assert exercism_results(wrong_report)["status"] == "fail"
    broken = exercism_results(broken_report)
    assert broken["status"] == "error" and "syntax error on line 4" in broken["message"]
    assert {t["task_id"] for t in exercism_results(wrong_report)["tests"]} == {1}


def test_exercism_error_only_when_no_test_ran():
    ran = CheckResult("a", "c", "t", 1, 1, "passed", "public")
    broken = CheckResult("b", "c", "t", 0, 1, "error", "public", message="b.py has a syntax error on line 1")
    mixed = Report("s", [KataResult("a", "A", "a.py", [ran]), KataResult("b", "B", "b.py", [broken], problem="syntax")])
    assert exercism_results(mixed)["status"] == "fail"
    only_broken = Report("s", [KataResult("b", "B", "b.py", [broken], problem="b.py has a syntax error")])
    assert exercism_results(only_broken)["status"] == "error"


def test_exercism_output_is_cut_at_500_characters():
    check = CheckResult("k", "c", "title", 0, 1, "failed", "public", message="wrong", output="x" * 2000)
    data = exercism_results(Report("s", [KataResult("k", "K", "k.py", [check])]))
    assert_exercism(data)
    assert data["tests"][0]["output"].endswith("(output truncated)")


def test_junit_structure(wrong_report, good_report, broken_report):
    for report in (wrong_report, good_report, broken_report):
        stream = io.StringIO()
        write_junit(report, stream, {})
        assert stream.getvalue().startswith('<?xml version="1.0" encoding="UTF-8"?>')
        assert_junit(ET.fromstring(stream.getvalue().split("\n", 1)[1]))
    wrong = junit_tree(wrong_report)
    assert int(wrong.get("failures")) == sum(not c.passed for c in wrong_report.katas[0].checks)
    assert int(junit_tree(broken_report).get("errors")) == len(broken_report.katas[0].checks)
    failure = next(wrong.iter("failure"))
    assert failure.get("type") == "failed" and "call:" in failure.text


@pytest.fixture(scope="module")
def stub_report(toy):
    """Not started: every function still raises NotImplementedError."""
    return Runner(GradeOptions(timeout=1.0)).grade([toy], SUBMISSIONS / "stub.py")


def test_junit_checks_of_a_kata_not_started_are_skipped(stub_report):
    root = junit_tree(stub_report)
    assert_junit(root)
    suite = root.find("testsuite")
    assert suite.get("skipped") == suite.get("tests") != "0"
    assert suite.get("failures") == "0" and root.get("failures") == "0"
    assert root.get("skipped") is None  # junit-10.xsd has no such attribute on <testsuites>
    assert all(case.find("skipped").get("type") == "not_started" for case in suite.iter("testcase"))


def test_exercism_test_code_is_the_checks_code_and_hidden_code_stays_hidden(wrong_report):
    tests = {t["name"].split(": ", 1)[1]: t for t in exercism_results(wrong_report)["tests"]}
    public = tests["double(x) is 2 * x"]["test_code"]
    assert "def double_doubles(sub, ref, x):" in public and "assert_close(sub.double(x), 2 * x" in public
    hidden = tests["square_forward and square_backward agree with the reference"]["test_code"]
    assert "ref." not in hidden and "not shown" in hidden


def test_exercism_messages_hold_no_absolute_path(toy, tmp_path):
    broken = tmp_path / "deep" / "folder" / "toy_double.py"
    broken.parent.mkdir(parents=True)
    broken.write_text("def double(x):\n    return open('/etc/hostname').read() +\n")
    data = exercism_results(Runner(GradeOptions(timeout=1.0)).grade([toy], broken))
    assert_exercism(data)
    text = json.dumps(data)
    assert str(tmp_path) not in text and "<solution-dir>/toy_double.py" in data["message"]
    check = CheckResult("k", "c", "t", 0, 1, "failed", "public", message=f"see {broken} line 2",
                        output=f"File {tmp_path}/x.py")
    test = exercism_results(Report("s", [KataResult("k", "K", "k.py", [check])]))["tests"][0]
    assert test["message"] == "see <solution-dir>/toy_double.py line 2" and test["output"] == "File <solution-dir>/x.py"


def test_junit_survives_characters_xml_cannot_hold():
    check = CheckResult("k", "c", "t", 0, 1, "failed", "public", message="bad \x00 byte \x1b[31m", output="\x07bell")
    stream = io.StringIO()
    write_junit(Report("s", [KataResult("k", "K", "k.py", [check])]), stream, {"timings": False})
    root = ET.fromstring(stream.getvalue().split("\n", 1)[1])
    assert_junit(root)
    assert "bad" in root.find(".//failure").text and root.get("time") is None


def grade(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "grade.py", "--plugin", TOY_PLUGIN, "--kata", "toy_double", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_format_option_writes_each_format_from_the_cli(tmp_path):
    run = grade("--submission", str(SUBMISSIONS / "wrong.py"), "--format", "gradescope",
                "--format-option", "hidden_visibility=hidden")
    assert run.returncode == 1, run.stderr
    data = json.loads(run.stdout)
    assert_gradescope(data)
    assert "hidden" in {t["visibility"] for t in data["tests"]}
    out = tmp_path / "junit.xml"
    run = grade("--submission", str(SUBMISSIONS / "good.py"), "--format", "junit", "--output", str(out))
    assert run.returncode == 0 and run.stdout == ""
    assert_junit(ET.parse(out).getroot())
    run = grade("--submission", str(SUBMISSIONS / "good.py"), "--format", "exercism")
    assert json.loads(run.stdout)["status"] == "pass"


def test_unknown_format_and_bad_format_option_are_usage_errors():
    run = grade("--submission", str(SUBMISSIONS / "good.py"), "--format", "yaml")
    assert run.returncode == 2 and "unknown format 'yaml'" in run.stderr and "junit" in run.stderr
    run = grade("--submission", str(SUBMISSIONS / "good.py"), "--format", "gradescope",
                "--format-option", "hidden_visibility=sometimes")
    assert run.returncode == 2 and "hidden_visibility must be one of" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The Gradescope bundle for softmax, built by the CLI and unpacked as Gradescope does (into source/)."""
    tmp = tmp_path_factory.mktemp("gradescope")
    run = subprocess.run([sys.executable, "grade.py", "export", "gradescope", str(tmp / "autograder.zip"),
                          "--kata", "softmax", "--seed", "s3cret"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(tmp / "autograder.zip") as zf:
        names = zf.namelist()
        zf.extractall(tmp / "autograder" / "source")
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
    assert {"setup.sh", "run_autograder", "autograder.json", "katas/softmax/hidden.py", "reference/softmax.py"} <= set(names)
    assert not [n for n in names if "/mutants/" in n or n.startswith(("tests/", "katas/backprop"))]
    assert modes["run_autograder"] & 0o111 and modes["setup.sh"] & 0o111
    assert "bubblewrap" in (tmp / "autograder" / "source" / "setup.sh").read_text()
    return tmp / "autograder"


def run_autograder(root: Path, files: dict[str, str]) -> dict:
    shutil.rmtree(root / "submission", ignore_errors=True)
    shutil.rmtree(root / "results", ignore_errors=True)
    for name, text in files.items():
        (root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "submission" / name).write_text(text)
    (root / "submission").mkdir(exist_ok=True)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PYTHON": sys.executable}
    run = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads((root / "results" / "results.json").read_text())


def test_gradescope_bundle_grades_a_fake_autograder_tree(bundle):
    reference = (ROOT / "reference" / "softmax.py").read_text()
    full = run_autograder(bundle, {"softmax.py": reference})
    assert_gradescope(full)
    assert full["score"] == sum(t["max_score"] for t in full["tests"]) > 0
    assert {t["visibility"] for t in full["tests"]} == {"visible", "after_published"}
    stub = run_autograder(bundle, {"my_upload/softmax.py": (ROOT / "student" / "softmax.py").read_text()})
    assert_gradescope(stub)
    assert stub["score"] == 0 and stub["tests"]
    empty = run_autograder(bundle, {"README.txt": "forgot the code"})
    assert_gradescope(empty)
    assert empty["score"] == 0 and "could not be graded" in empty["output"]


def test_gradescope_bundle_keeps_hidden_checks_out_of_the_visible_output(bundle):
    wrong = (ROOT / "reference" / "softmax.py").read_text().replace("axis=1", "axis=0")
    data = run_autograder(bundle, {"softmax.py": wrong})
    assert_gradescope(data)
    hidden = [t for t in data["tests"] if t["visibility"] != "visible"]
    assert hidden and all(t["visibility"] == "after_published" for t in hidden)
    for test in hidden:  # neither the name nor the points of a hidden check reach the top-level output
        assert test["name"].split(": ", 1)[1] not in data["output"]
    public = [t for t in data["tests"] if t["visibility"] == "visible"]
    public_points = f"{sum(t['score'] for t in public):g}/{sum(t['max_score'] for t in public):g} points"
    assert f"softmax: {public_points} on the public checks" in data["output"]
    assert [t["number"] for t in public] == [f"1.{i}" for i in range(1, len(public) + 1)]


@pytest.mark.parametrize("name", ["Softmax.py", "softmax (1).py", "homework.ipynb"])
def test_gradescope_bundle_finds_the_file_as_batch_does(bundle, name):
    code = (ROOT / "reference" / "softmax.py").read_text()
    if name.endswith(".ipynb"):
        nbformat = pytest.importorskip("nbformat")
        code = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]))
    data = run_autograder(bundle, {name: code})
    assert data["score"] == sum(t["max_score"] for t in data["tests"]) > 0, data["output"]
    assert f"graded file: {name}" in data["output"]


def test_gradescope_bundle_stops_at_its_time_budget_and_still_writes_results(bundle):
    config = bundle / "source" / "autograder.json"
    saved = config.read_text()
    loop = "".join(f"def {name}(*args):\n    while True:\n        pass\n" for name in
                   ("softmax", "log_softmax", "cross_entropy"))
    try:
        config.write_text(json.dumps({**json.loads(saved), "time_budget": 4}))
        data = run_autograder(bundle, {"softmax.py": loop})
    finally:
        config.write_text(saved)
    assert_gradescope(data)
    assert data["score"] == 0 and data["tests"]
    assert "time budget ran out" in data["output"]
    assert all("time budget ran out" in t["output"] for t in data["tests"])
