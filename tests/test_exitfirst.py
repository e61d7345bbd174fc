"""-x (--exitfirst): a kata whose grading stopped at the first failure has no score, and saves none."""
from __future__ import annotations

from graders.progress import load_progress
from graders.reporters.terminal import format_kata, format_total
from graders.runner import GradeOptions, Runner
from tests.conftest import ROOT

STOP = GradeOptions(shrink=False, max_examples=3, fail_fast=True)


def test_a_stopped_kata_says_so_and_keeps_the_saved_score(registry, tmp_path):
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "activations.py").write_text((ROOT / "student" / "activations.py").read_text())
    lstm = (ROOT / "reference" / "lstm.py").read_text()
    (folder / "lstm.py").write_text(lstm.replace("    dprev_c = dc * f\n", "    dprev_c = dc\n"))
    progress = load_progress(folder)
    progress.entry("lstm").points = 9.0
    progress.save()
    report = Runner(STOP).grade([registry.katas["lstm"], registry.katas["activations"]], folder)
    [lstm_result] = report.katas
    assert lstm_result.stopped and lstm_result.not_run > 0 and report.not_graded == ["activations"]
    assert lstm_result.max_points + lstm_result.not_run_points == registry.katas["lstm"].max_points
    text = format_kata(lstm_result)
    assert "stopped at the first failing check (-x)" in text and " %" not in text
    assert "no total score" in format_total(report) and "1 not graded" in format_total(report)
    progress = load_progress(folder)
    progress.record_report(report, folder)
    assert progress.get("lstm").points == 9.0 and progress.get("activations").graded_at == 0
    assert report.to_dict()["not_graded"] == ["activations"] and report.to_dict()["katas"][0]["not_run"] > 0


def test_a_run_that_passes_everything_with_x_is_complete(registry):
    result = Runner(STOP).grade([registry.katas["activations"]], ROOT / "reference").katas[0]
    assert not result.stopped and result.score == 1.0 and "(100 %)" in format_kata(result)
