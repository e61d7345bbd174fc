"""grade batch: submissions become folders safely, grader processes survive bad ones, re-runs skip unchanged ones."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from graders import submissions
from graders.batch import StudentRow, why_low, write_gradebook
from graders.pool import GraderPool
from graders.reporters.terminal import BatchProgress
from graders.submissions import BadSubmission, content_hash, materialize
from tests.conftest import ROOT

TOY = ROOT / "tests" / "fixtures" / "toy_plugin.py"
SUBMISSIONS = ROOT / "tests" / "fixtures" / "toy_submissions"
CHEATS = ROOT / "tests" / "adversarial" / "cheats"
SLOW = """import time
import good


def double(x):
    time.sleep(0.8)  # within the call timeout of 1 s, but many calls add up
    return 2 * x


def square_forward(x):
    time.sleep(0.8)
    return good.square_forward(x)


square_backward, Counter = good.square_backward, good.Counter
"""


def make_zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def test_materialize_unwraps_single_folders_and_prefers_student(tmp_path):
    archive = make_zip(tmp_path / "alice.zip", {"alice/code/toy_double.py": "x = 1\n", "__MACOSX/._junk": ""})
    folder = materialize(archive, tmp_path / "out1")
    assert folder == tmp_path / "out1" / "alice" / "code" and (folder / "toy_double.py").is_file()
    repo = tmp_path / "repo"
    (repo / "student").mkdir(parents=True)
    (repo / "grade.py").write_text("")
    (repo / "student" / "toy_double.py").write_text("x = 1\n")
    assert materialize(repo, tmp_path / "out2") == tmp_path / "out2" / "student"


def test_materialize_copies_regular_files_only(tmp_path):
    source = tmp_path / "bob"
    source.mkdir()
    (source / "toy_double.py").write_text("x = 1\n")
    (source / "secret.py").symlink_to(ROOT / "reference" / "softmax.py")
    os.mkfifo(source / "pipe")
    folder = materialize(source, tmp_path / "out")
    assert sorted(p.name for p in folder.iterdir()) == ["toy_double.py"]


@pytest.mark.parametrize("files,message", [
    ({"../../evil.py": "x"}, "a path outside its own folder"),
    ({"/etc/evil.py": "x"}, "a path outside its own folder"),
    ({"notes.txt": "no code"}, "holds no .py file at its top level or inside a single folder"),
    ({"a/x.py": "", "b/y.py": ""}, "holds no .py file at its top level"),
])
def test_bad_zips_are_one_sentence(tmp_path, files, message):
    with pytest.raises(BadSubmission, match=message):
        materialize(make_zip(tmp_path / "eve.zip", files), tmp_path / "out")
    assert not (tmp_path / "evil.py").exists() and not Path("/etc/evil.py").exists()


def test_corrupt_and_oversized_submissions(tmp_path, monkeypatch):
    (tmp_path / "dave.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BadSubmission, match="dave.zip is not a zip file that can be unpacked"):
        materialize(tmp_path / "dave.zip", tmp_path / "out1")
    monkeypatch.setattr(submissions, "MAX_SUBMISSION_BYTES", 1000)
    big = make_zip(tmp_path / "big.zip", {"toy_double.py": "#" * 5000})
    with pytest.raises(BadSubmission, match="larger than"):
        materialize(big, tmp_path / "out2")
    with pytest.raises(BadSubmission, match="not a folder, a .zip or a .ipynb file"):
        materialize(big.with_suffix(".rar"), tmp_path / "out3")


def test_content_hash_follows_content_and_grading_settings(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        (folder / "toy_double.py").write_text("x = 1\n")
    assert content_hash(a, "k") == content_hash(b, "k") != content_hash(a, "other settings")
    (b / "toy_double.py").write_text("x = 2\n")
    assert content_hash(a, "k") != content_hash(b, "k")


def test_gradebook_cells_cannot_become_formulas(tmp_path):
    path = tmp_path / "gradebook.csv"
    write_gradebook(path, ["k"], [StudentRow("=HYPERLINK(1)", "x", {"k": 2.0}, 2.0, 3, note="-bad")])
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["student", "name", "email", "k", "total", "max_points", "note"]
    assert rows[1] == ["'=HYPERLINK(1)", "", "", "2", "2", "3", "'-bad"]


def _setup(offset: int) -> int:
    return offset


def _job(offset: int, payload: str) -> int:
    if payload == "hang":
        time.sleep(60)
    if payload == "die":
        os._exit(3)
    if payload == "raise":
        raise ValueError("a bug in a check")
    return offset + int(payload)


def test_the_pool_survives_hangs_crashes_and_bugs():
    tasks = [("a", "1"), ("hang", "hang"), ("b", "2"), ("die", "die"), ("raise", "raise"), ("c", "3")]
    outcomes = {o.key: o for o in GraderPool(_setup, (10,), _job, jobs=2, time_limit=5.0).run(tasks)}
    assert {k: outcomes[k].value for k in "abc"} == {"a": 11, "b": 12, "c": 13}
    assert outcomes["hang"].status == "timeout" and "longer than 5 s" in outcomes["hang"].problem
    assert outcomes["die"].status == "crashed" and "exit code 3" in outcomes["die"].problem
    assert outcomes["raise"].status == "failed" and "ValueError: a bug in a check" in outcomes["raise"].problem


def test_the_pool_stops_at_its_deadline():
    tasks = [("a", "1"), ("hang", "hang"), ("b", "2")]
    pool = GraderPool(_setup, (10,), _job, jobs=1, deadline=time.monotonic() + 4.0)
    start = time.monotonic()
    outcomes = {o.key: o for o in pool.run(tasks)}
    assert time.monotonic() - start < 10
    assert outcomes["a"].value == 11
    assert outcomes["hang"].status == "timeout" and "ran out while grading it" in outcomes["hang"].problem
    assert outcomes["b"].status == "timeout" and "ran out first" in outcomes["b"].problem


def test_run_one_keeps_its_grader_process_and_replaces_it_after_a_timeout():
    pool = GraderPool(_setup, (10,), _job, jobs=1, time_limit=3.0)
    try:
        assert pool.run_one("a", "1").value == 11
        first = pool._kept.process.pid
        assert pool.run_one("b", "2").value == 12 and pool._kept.process.pid == first
        hang = pool.run_one("hang", "hang")
        assert hang.status == "timeout" and pool._kept is None
        assert pool.run_one("c", "3").value == 13 and pool._kept.process.pid != first
    finally:
        pool.close()


def run_batch_cli(submissions: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "grade.py", "--plugin", str(TOY), "batch", str(submissions), "--out", str(out),
         "--kata", "toy_double", "--timeout", "1", "-j", "2", "--allow-same-user", *extra],  # whatever runs the tests
        cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_a_class_is_graded_and_a_rerun_grades_only_what_changed(tmp_path):
    subs = tmp_path / "submissions"
    (subs / "alice").mkdir(parents=True)
    shutil.copy(SUBMISSIONS / "good.py", subs / "alice" / "toy_double.py")
    make_zip(subs / "bob.zip", {"bob/toy_double.py": (SUBMISSIONS / "wrong.py").read_text()})
    (subs / "carol").mkdir()
    (subs / "carol" / "toy_double.py").write_text(SLOW)
    shutil.copy(SUBMISSIONS / "good.py", subs / "carol" / "good.py")
    (subs / "dave.zip").write_bytes(b"not a zip")
    make_zip(subs / "eve.zip", {"../escape.py": "x = 1\n"})
    (subs / "frank").mkdir()
    for student, cheat in (("grace", "kill_parent.py"), ("heidi", "infinite_loop.py")):
        (subs / student).mkdir()
        shutil.copy(CHEATS / cheat, subs / student / "toy_double.py")
    (subs / "notes.txt").write_text("not a submission")
    out = tmp_path / "grades"

    run = run_batch_cli(subs, out, "--submission-timeout", "20")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout
    assert "notes.txt: not a folder, a .zip or a .ipynb file; left out" in run.stdout
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert sorted(rows) == ["alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi"]
    assert rows["alice"]["toy_double"] == "6" and rows["alice"]["note"] == "" and rows["alice"]["max_points"] == "6"
    assert rows["bob"]["total"] == "0" and rows["bob"]["note"] == ""
    assert "took longer than 20 s and was stopped" in rows["carol"]["note"]
    assert "dave.zip is not a zip file" in rows["dave"]["note"]
    assert "a path outside its own folder" in rows["eve"]["note"] and not (tmp_path / "escape.py").exists()
    assert "frank holds no .py file" in rows["frank"]["note"]
    assert rows["heidi"]["note"] == "toy_double: timeout" and float(rows["heidi"]["total"]) < 6
    assert float(rows["grace"]["total"]) < 6  # graded (bwrap hides the grader) or stopped, never blocking others
    for student in ("alice", "bob", "heidi"):
        assert (out / "reports" / f"{student}.json").is_file()
    assert '"submission": "bob.zip"' in (out / "reports" / "bob.json").read_text()

    shutil.rmtree(subs / "carol")
    (subs / "alice" / "toy_double.py").write_text((SUBMISSIONS / "wrong.py").read_text())
    report_before = (out / "reports" / "bob.json").stat().st_mtime_ns
    run = run_batch_cli(subs, out)
    graded = {line.split("] ")[1].split(":")[0] for line in run.stdout.splitlines() if line.startswith("[")}
    assert graded in ({"alice"}, {"alice", "grace"})  # grace again only if her grader was stopped last time
    assert "unchanged since the last run" in run.stdout
    assert (out / "reports" / "bob.json").stat().st_mtime_ns == report_before
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert rows["alice"]["total"] == "0" and "carol" not in rows


def test_notebooks_are_submissions_too(tmp_path):
    nbformat = pytest.importorskip("nbformat")

    def notebook(path, code, kata=None):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code), nbformat.v4.new_code_cell("!ls")])
        if kata:
            nb.metadata["ml_katas"] = {"kata": kata}
        nbformat.write(nb, str(path))
        return path

    lone = materialize(notebook(tmp_path / "alice.ipynb", "def double(x):\n    return 2 * x", "toy_double"),
                       tmp_path / "out1")
    assert "return 2 * x" in (lone / "toy_double.py").read_text() and "!ls" not in (lone / "toy_double.py").read_text()
    folder = tmp_path / "bob"
    folder.mkdir()
    notebook(folder / "toy_double.ipynb", "def double(x):\n    return x + x")
    (folder / "softmax.py").write_text("x = 1\n")
    graded = materialize(folder, tmp_path / "out2")
    assert "return x + x" in (graded / "toy_double.py").read_text() and (graded / "softmax.py").exists()
    (tmp_path / "broken.ipynb").write_text("{not json")
    with pytest.raises(BadSubmission, match="not a readable Jupyter notebook"):
        materialize(tmp_path / "broken.ipynb", tmp_path / "out3")


def _report(problem: str, *statuses: str) -> dict:
    return {"katas": [{"kata": "k", "problem": problem, "checks": [{"status": s} for s in statuses]}]}


@pytest.mark.parametrize("report, note", [
    (_report("k.py does not exist: create it", "missing", "missing"), "k: file missing"),
    (_report("k.py has a syntax error on line 3 (invalid syntax)", "error"), "k: syntax error"),
    (_report("", "not_started", "missing"), "k: not started"),
    (_report("", "passed", "timeout", "failed"), "k: timeout"),
    (_report("", "passed", "crashed"), "k: crashed"),
    (_report("", "passed", "failed"), ""),
])
def test_the_gradebook_note_says_why_a_row_is_low(report, note):
    assert why_low(report) == note


METADATA = """submission_101:
  :submitters:
  - :name: Ada Lovelace
    :sid: '101'
    :email: ada@example.edu
  :created_at: 2024-01-01 10:00:00.000000000 -08:00
  :score: 0.0
submission_102:
  :submitters:
  - :name: "Grace O'Hopper"
    :sid: '102'
    :email: grace@example.edu
  - :name: 'Alan ''T'' Turing'
    :sid: '103'
    :email: alan@example.edu
  :history: []
submission_104:
  :submitters:
  - :name: =cmd|calc
    :email: eve@example.edu
"""


def test_a_gradescope_export_is_regraded_into_lms_gradebooks_keyed_on_people(tmp_path):
    subs = tmp_path / "export"
    for folder, name, source in (("submission_101", "Toy_Double (1).py", "good.py"),
                                 ("submission_102", "toy_double.py", "stub.py"),
                                 ("submission_104", "toy_double.py", "syntax_error.py")):
        (subs / folder).mkdir(parents=True)
        shutil.copy(SUBMISSIONS / source, subs / folder / name)
    (subs / "submission_metadata.yml").write_text(METADATA)
    out = tmp_path / "grades"
    run = run_batch_cli(subs, out, "--reports", "html")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "submission_metadata.yml" not in run.stdout  # read, not listed as left out
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert rows["submission_101"]["name"] == "Ada Lovelace" and rows["submission_101"]["total"] == "6"
    assert rows["submission_102"]["email"] == "grace@example.edu alan@example.edu"
    assert rows["submission_102"]["note"] == "toy_double: not started"
    assert rows["submission_104"]["note"] == "toy_double: syntax error"
    report = json.loads((out / "reports" / "submission_101.json").read_text())
    assert report["katas"][0]["file"] == "Toy_Double (1).py"
    assert "<html" in (out / "reports" / "submission_101.html").read_text().lower()

    canvas = list(csv.reader((out / "gradebook-canvas.csv").open()))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "toy_double", "ml-katas total"]
    assert canvas[1] == ["Points Possible", "", "", "", "", "6", "6"]
    people = {r[0]: r for r in canvas[2:]}
    assert people["Ada Lovelace"] == ["Ada Lovelace", "", "101", "ada@example.edu", "", "6", "6"]
    assert people["Alan 'T' Turing"][2:4] == ["103", "alan@example.edu"] and people["Alan 'T' Turing"][-1] == "0"
    assert "'=cmd|calc" in people  # a name cannot become a spreadsheet formula
    moodle = list(csv.DictReader((out / "gradebook-moodle.csv").open()))
    assert set(moodle[0]) == {"Email address", "Full name", "ID number", "toy_double", "ml-katas total", "Feedback"}
    by_email = {r["Email address"]: r for r in moodle}
    assert by_email["grace@example.edu"]["Full name"] == "Grace O'Hopper"
    assert by_email["grace@example.edu"]["Feedback"] == "toy_double: not started"
    assert by_email["ada@example.edu"]["ml-katas total"] == "6"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_is_a_bar_with_an_eta_on_a_terminal_and_plain_lines_elsewhere():
    terminal = _Terminal()
    progress = BatchProgress(terminal, width=10)
    progress.update(1, 4, "ada: 6/6 points")
    progress.update(2, 4, "bob: 0/6 points; toy_double: syntax error", keep=True)
    shown = terminal.getvalue()
    assert "\r\x1b[K[##........] 1/4  ETA" in shown and "[#####.....] 2/4" in shown
    assert "\r\x1b[Kbob: 0/6 points; toy_double: syntax error\n" in shown  # kept above the bar
    progress.update(4, 4, "cy: 6/6 points")
    assert terminal.getvalue().endswith("4/4 in 0 s\n")
    log = io.StringIO()
    plain = BatchProgress(log)
    plain.update(1, 2, "ada: 6/6 points")
    assert log.getvalue() == "[1/2] ada: 6/6 points\n"
