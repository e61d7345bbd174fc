"""The class report: statistics from a batch's JSON reports, the page, `grade stats`, and the page in a browser."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from graders.class_report import class_stats, load_reports, write_class_report
from graders.results import CheckResult, KataResult, Report
from tests.conftest import CHROMIUM, ROOT, headless_chromium

WRONG_AXIS = {"mistake": "sums_over_the_wrong_axis", "says": "normalises over the batch instead of each row"}
NO_SHIFT = {"mistake": "no_max_shift", "says": "exponentiates without subtracting the row maximum"}


def _report(statuses: dict[str, str], diagnoses: dict[str, dict | None] | None = None, seconds: float = 1.0) -> dict:
    checks = [CheckResult("softmax", name, f"title of {name}", 1 if status == "passed" else 0, 1, status,
                          "hidden" if name.startswith("h_") else "public") for name, status in statuses.items()]
    data = Report("s", [KataResult("softmax", "Softmax", "softmax.py", checks, seconds=seconds)]).to_dict()
    for check in data["katas"][0]["checks"]:
        if diagnoses is not None and check["check"] in diagnoses:
            check["diagnosis"] = diagnoses[check["check"]]
    return data


@pytest.fixture
def batch_output(tmp_path):
    """A batch's output folder: four reports (one from before diagnoses existed) and the state naming people."""
    reports = {
        "ada": _report({"rows_sum_to_one": "failed", "h_matches": "failed"},
                       {"rows_sum_to_one": WRONG_AXIS, "h_matches": WRONG_AXIS}, seconds=9.5),
        "bob": _report({"rows_sum_to_one": "passed", "h_matches": "failed"}, {"h_matches": NO_SHIFT}),
        "cy": _report({"rows_sum_to_one": "failed", "h_matches": "failed"},
                      {"rows_sum_to_one": WRONG_AXIS, "h_matches": None}),
        "dee": _report({"rows_sum_to_one": "not_started", "h_matches": "not_started"}),  # no diagnosis field
        "eve": _report({"rows_sum_to_one": "passed", "h_matches": "passed"}),
    }
    (tmp_path / "reports").mkdir()
    for student, data in reports.items():
        (tmp_path / "reports" / f"{student}.json").write_text(json.dumps(data))
    (tmp_path / "reports" / "eve.html").write_text("<html></html>")
    state = {"schema": "ml-katas/batch-state/1",
             "students": {"ada": {"hash": "x", "row": {"people": [{"name": "Ada <Lovelace>", "email": "a@x"}]}}}}
    (tmp_path / "batch-state.json").write_text(json.dumps(state))
    return tmp_path


def test_the_statistics_count_students_not_checks(batch_output):
    (softmax,) = class_stats(load_reports(batch_output))
    assert softmax.mistakes == {"sums_over_the_wrong_axis": {"ada", "cy"}, "no_max_shift": {"bob"}}
    assert softmax.says["no_max_shift"] == NO_SHIFT["says"]
    assert softmax.not_started == ["dee"]
    assert {c.name: (c.passed, c.graded) for c in softmax.checks.values()} == {"rows_sum_to_one": (2, 5),
                                                                             "h_matches": (1, 5)}
    assert sorted(softmax.scores) == [0, 0, 0, 0.5, 1]
    assert max(softmax.seconds) == (9.5, "ada")


def test_the_page_names_mistakes_slowest_and_not_started_and_escapes_names(batch_output):
    page = write_class_report(batch_output).read_text()
    assert page.index("sums_over_the_wrong_axis") < page.index("no_max_shift")  # most frequent first
    assert "<b>2</b>" in page and "Ada &lt;Lovelace&gt;" in page and "<Lovelace>" not in page
    assert "Did not start" in page and "dee" in page
    assert len(re.findall(r'<img alt="[^"]*" src="data:image/png;base64,', page)) == 1


def test_grade_stats_rebuilds_the_page_and_refuses_a_folder_that_is_no_batch_output(batch_output, tmp_path_factory):
    (batch_output / "class-report.html").unlink(missing_ok=True)
    run = subprocess.run([sys.executable, "grade.py", "stats", str(batch_output)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (batch_output / "class-report.html").is_file()
    empty = tmp_path_factory.mktemp("empty")
    run = subprocess.run([sys.executable, "grade.py", "stats", str(empty)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2 and "holds no reports/ folder" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_the_class_report_renders_in_a_headless_browser(batch_output, tmp_path):
    page = write_class_report(batch_output)
    command = headless_chromium(tmp_path / "profile")
    dom = subprocess.run([*command, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    body = re.search(r"<body[^>]*>", dom.stdout)
    assert body, dom.stderr[-2000:]
    assert 'data-figures="1/1"' in body.group(0)  # the figure decoded
    shot = tmp_path / "class-report.png"
    subprocess.run([*command, f"--screenshot={shot}", "--window-size=1100,1600", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000
