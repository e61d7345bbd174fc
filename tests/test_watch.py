"""grade watch: polling, redraws, moving on when a kata is done, Ctrl-C."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time

from graders.plugins import load_registry
from graders.progress import load_progress
from graders.runner import GradeOptions, Runner
from graders.watch import Watcher, snapshot
from tests.conftest import ROOT
from tests.test_learner import make_lessons, mark_builtins_done, solve


def wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_snapshot_sees_python_files_only_and_skips_hidden_folders(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("notes\n")
    (tmp_path / ".ml-katas-backups").mkdir()
    (tmp_path / ".ml-katas-backups" / "a-1.py").write_text("old\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.py").write_text("\n")
    assert list(snapshot(tmp_path)) == ["a.py"]


def test_watch_regrades_on_save_and_moves_on_when_done(tmp_path):
    plugins, folder = make_lessons(tmp_path)
    mark_builtins_done(folder)
    registry = load_registry(plugins[1::2])
    katas = registry.ordered()
    screen = io.StringIO()
    watcher = Watcher(Runner(GradeOptions(timeout=5.0)), katas, folder, load_progress(folder),
                      registry.katas["lesson_one"], screen)
    thread = threading.Thread(target=watcher.run, kwargs={"max_cycles": 2, "interval": 0.05})
    thread.start()
    try:
        wait_for(lambda: len(watcher.redraws) == 1)
        first = screen.getvalue()
        assert first.startswith("grading lesson_one ...\n")
        assert "lesson_one  score 0/4 (0 %)  |  " in first and "TODO" in first
        time.sleep(0.05)  # a coarse file-system clock still sees a new mtime
        solve(folder, "lesson_one")
        os.utime(folder / "lesson_one.py", (time.time() + 1, time.time() + 1))
        thread.join(timeout=120)
    finally:
        thread.join(timeout=120)
    assert not thread.is_alive()
    second = screen.getvalue()[len(first):]
    assert "lesson_one is done! On to lesson_two." in second
    assert "lesson_two  score 0/4 (0 %)" in second
    done = len(registry.katas) - 1
    assert f"{done}/{len(registry.katas)} katas done" in second
    saved = load_progress(folder)
    assert saved.get("lesson_one").status == "done" and saved.get("lesson_two").status == "not started"
    assert watcher._ready is None  # the worker kept ready for the next grading was stopped


def test_watch_shows_the_first_failure_in_full(tmp_path):
    plugins, folder = make_lessons(tmp_path)
    registry = load_registry(plugins[1::2])
    solve(folder, "lesson_one", "return x + 1.5")
    screen = io.StringIO()
    watcher = Watcher(Runner(GradeOptions(timeout=5.0)), registry.ordered(), folder, load_progress(folder),
                      registry.katas["lesson_one"], screen)
    watcher.run(max_cycles=1)
    text = screen.getvalue()
    assert text.count("FAIL") == 2 and text.count("call:") == 1  # one explanation, the rest one line each
    assert "add_one(1.0): differs: expected 2, got 2.5" in text and "call:    add_one(1)" in text


def test_ctrl_c_stops_cleanly_with_exit_0(tmp_path):
    plugins, folder = make_lessons(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "grade.py"), "watch", "lesson_one", *plugins, "-s", str(folder), "--interval", "0.05"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = ""
        while "Ctrl-C to stop" not in first:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            first += line
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Stopped watching. Your progress is saved in" in out
    assert "Traceback" not in out + err


HANGING_CLEANUP = """
import sys, time
import graders.cli, graders.watch
graders.cli.CTRL_C_SECONDS = 1.0
graders.watch.Watcher.close = lambda self: time.sleep(600)  # a cleanup that never ends
sys.argv = ["grade.py", *sys.argv[1:]]
graders.cli.main()
"""


def test_ctrl_c_ends_the_watch_even_when_its_cleanup_hangs(tmp_path):
    plugins, folder = make_lessons(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-c", HANGING_CLEANUP, "watch", "lesson_one", *plugins, "-s", str(folder), "--interval", "0.05"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = ""
        while "Ctrl-C to stop" not in first:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            first += line
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Stopped watching. Your progress is saved in" in out and "stopped anyway" in out


def test_the_screen_fits_the_terminal_summary_first_and_every_check_on_a_row(tmp_path):
    plugins, folder = make_lessons(tmp_path)
    registry = load_registry(plugins[1::2])
    solve(folder, "lesson_one", "print('a long line of debugging output ' * 9)\n    return x + 1.5")
    screen = io.StringIO()
    watcher = Watcher(Runner(GradeOptions(timeout=5.0)), registry.ordered(), folder, load_progress(folder),
                      registry.katas["lesson_one"], screen, size=(40, 10))
    watcher.run(max_cycles=1)
    drawn = screen.getvalue().split("-" * 40 + "\n", 1)[1].splitlines()
    assert len(drawn) <= 9 and all(len(line) <= 40 for line in drawn), drawn
    assert drawn[0].startswith(f"lesson_one  score 0/{registry.katas['lesson_one'].max_points} (0 %)")
    assert sum(line.startswith("  FAIL ") for line in drawn) == 2  # both checks keep their row
    assert any(line.startswith("        ... ") and "more lines" in line for line in drawn)
    assert drawn[-1].startswith("watching ")


def test_colours_are_off_off_a_terminal_and_with_no_color(monkeypatch):
    from graders.cli import use_color

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Terminal()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())
