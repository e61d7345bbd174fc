"""Code that hangs, floods its output, raises or crashes on import: fast, clear verdicts, graded on what it returns."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from graders.plugins import load_registry
from graders.runner import GradeOptions, Runner, printed_output
from graders.sandbox import Limits

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "toy_submissions" / "good.py").read_text()


@pytest.fixture(scope="module")
def toy():
    return load_registry([str(FIXTURES / "toy_plugin.py")]).katas["toy_double"]


def grade(kata, tmp_path, source, **options):
    folder = tmp_path / "student"
    folder.mkdir(exist_ok=True)
    (folder / "toy_double.py").write_text(source)
    options.setdefault("timeout", 1.0)
    options.setdefault("shrink", False)
    return Runner(GradeOptions(**options)).grade([kata], folder).katas[0]


def test_after_a_call_timed_out_the_other_checks_needing_it_are_not_run(toy, tmp_path):
    hangs = GOOD.replace("def square_forward(x):\n", "def square_forward(x):\n    while True:\n        pass\n")
    start = time.perf_counter()
    result = {c.check: c for c in grade(toy, tmp_path, hangs).checks}
    took = time.perf_counter() - start
    first, second = result["square_backward_matches_numerical_gradient"], result["square_matches_reference"]
    assert first.status == "timeout" and "did not return within 1 s" in first.message
    assert second.status == "timeout"
    assert second.message == "not run: square_forward did not return within 1 s in check 2"
    assert second.seconds < 0.5 and not second.call and not second.example
    assert result["double_doubles"].passed and result["counter_counts"].passed
    assert took < 4, took  # one timeout, not one per check


def test_a_file_that_crashes_the_worker_on_import_is_one_sentence_at_once(toy, tmp_path):
    result = grade(toy, tmp_path, "import os\nos._exit(3)\n")
    assert "importing" in result.problem and "exited with code 3" in result.problem
    assert {c.status for c in result.checks} == {"crashed"} and result.seconds < 5


def test_printing_more_than_the_limit_is_a_sentence_and_the_return_value_is_still_graded(toy, tmp_path):
    flood = "def _shout():\n    print('x' * 3_000_000)\n\n" + GOOD.replace(
        "def double(x):\n", "def double(x):\n    _shout()\n")
    options = {"limits": Limits(file_size_mb=1)}  # 3 MB a call would overflow a 1 MiB output file at once
    assert grade(toy, tmp_path, flood, **options).score == 1.0
    wrong = flood.replace("return 2 * x", "return 3 * x")
    double = next(c for c in grade(toy, tmp_path, wrong, **options).checks if c.check == "double_doubles")
    assert double.status == "failed" and "double(x)" in double.message
    assert "your code printed 2.9 MiB during this call" in double.output and "rest was dropped" in double.output


def test_an_exception_shows_the_learners_frames_as_clickable_lines_and_no_grader_frame(toy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raising = GOOD.replace("def double(x):\n    return 2 * x\n",
                           "def double(x):\n    return _pick(x)\n\n\ndef _pick(x):\n    return x[10**6]\n")
    double = next(c for c in grade(toy, tmp_path, raising).checks if c.check == "double_doubles")
    assert "raised IndexError" in double.message
    assert "student/toy_double.py:5: return _pick(x)" in double.message
    assert "student/toy_double.py:9: return x[10**6]" in double.message
    assert "worker.py" not in double.message and "graders" not in double.message


def test_each_printed_line_is_shown_once():
    assert printed_output(["hello\n", "hello\n", "hello\n", "bye\n"]) == "hello  [3 times]\nbye"
    assert printed_output(["a\nb\n", "c"]) == "a\nb\nc"


def test_printing_on_every_call_never_fills_the_output_file_and_stays_visible(tmp_path):
    from graders.sandbox import Sandbox

    file = tmp_path / "chatty.py"
    file.write_text("def chat(i):\n    print('z' * 3999)\n    return i\n")
    sandbox = Sandbox.for_folder(tmp_path, Limits(file_size_mb=1), "process")
    try:
        assert sandbox.load("chatty", sandbox.staged(file), (), {}, "chatty.py").ok
        for i in range(400):  # 1.6 MB printed in all, more than the 1 MiB a file may grow to
            sandbox.output.clear()
            assert sandbox.call("chatty", {"module": "chatty", "attr": "chat"}, (i,), {}, "chat", 5.0) == i
            assert "z" * 3999 in "".join(sandbox.output), i  # the last call's printing is still shown
    finally:
        sandbox.close()
