"""Cheating attempts, each run through the real CLI.

Every case asserts: the cheat earns no points it did not honestly earn, the
grader exits normally (0 or 1) with a valid report and no traceback, the JSON
report is the grader's own, no process the cheat started is left running, and
nothing outside the run's temporary directory was written. Cases marked
``bwrap`` test defences only the bubblewrap sandbox provides (SECURITY.md says
what process isolation does not protect); they run wherever bwrap works. Cases marked
``isolated`` test defences that bwrap gives, and process isolation too where the grader is root
(the worker then runs under its own unprivileged uid).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import ROOT

CHEATS = Path(__file__).parent / "cheats"
TOY_PLUGIN = str(ROOT / "tests" / "fixtures" / "toy_plugin.py")
HAVE_BWRAP = sys.platform.startswith("linux") and shutil.which("bwrap") is not None
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Case:
    cheat: str
    kata: str = "toy_double"
    # What the cheat honestly earns at most. Most cheats return zeros from square_forward and square_backward:
    # a self-consistent pair, so the public gradient check (2 points) honestly passes; hidden checks must not.
    max_points: float = 2
    short_of: float | None = None  # instead of max_points: the kata's whole score minus this (a kata may grow)
    hidden_points_zero: bool = True
    bwrap_only: bool = False  # its defence needs the bwrap sandbox
    isolated: bool = False  # its defence needs bwrap, or a worker under its own uid (process isolation as root)
    options: tuple[str, ...] = ()  # __MARKER__ in them is replaced
    seed: bool = False  # a secret grading seed in the grader's environment and on its command line
    classmate: bool = False  # a correct classmate's file lies beside the submission
    extra: Callable[["Run"], None] | None = None


@dataclass
class Run:
    stdout: str
    stderr: str
    returncode: int
    report: dict
    marker: str
    tmp: Path
    checks: dict = field(default_factory=dict)


def statuses(run: Run) -> set[str]:
    return {c["status"] for c in run.checks.values()}


def expect_status(*wanted: str) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert statuses(run) <= set(wanted), statuses(run)
    return check


def no_escape_codes(run: Run) -> None:
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout


def no_escapes_anywhere(run: Run) -> None:
    shown = run.stdout + run.stderr + json.dumps(run.report, ensure_ascii=False)
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in shown, f"{control!r} reached the output"
    assert run.checks["double_doubles"]["status"] == "failed"


def nothing_written_through_links(run: Run) -> None:
    assert not (run.tmp / f"canary-{run.marker}").exists()  # (also checked for every case)
    assert "Traceback" not in run.stdout + run.stderr


def cleanup_followed_no_link(run: Run) -> None:
    assert (run.tmp / "instructor-files" / "keep.txt").exists(), "the cleanup deleted through a link"


def run_budget_spent(run: Run) -> None:
    messages = " ".join(c["message"] for c in run.checks.values())
    assert "ran out of time" in messages
    shown = run.stdout + run.stderr + messages
    assert "Flaky" not in shown and "hypothesis" not in shown.lower()


def replies_fail_closed(run: Run) -> None:
    for name in ("double_doubles", "square_backward_matches_numerical_gradient"):
        assert run.checks[name]["status"] == "crashed", run.checks[name]
        assert "malformed data" in run.checks[name]["message"]


def shm_and_root_bounded(run: Run) -> None:
    message = run.checks["double_doubles"]["message"]
    assert "wrote" in message, f"/dev/shm took the whole call: {message}"
    written = int(message.split("wrote ")[1].split(" MiB")[0])
    assert written <= 17, message
    assert "/ is read-only" in message and "/dev is read-only" in message

def output_is_bounded(run: Run) -> None:
    assert len(run.stdout) < 100_000
    assert "output truncated" in run.stdout or "File too large" in run.stdout or "EFBIG" in run.stdout


def fake_lines_are_marked(run: Run) -> None:
    for line in run.stdout.splitlines():
        if "score 4/4" in line or "PASSED" in line:
            assert line.lstrip().startswith("|"), f"unmarked student output: {line!r}"


def pipe_garbage_fails_closed(run: Run) -> None:
    assert run.checks["double_doubles"]["status"] == "crashed"


def forbidden_reported(run: Run) -> None:
    assert run.checks["double_doubles"]["status"] == "forbidden"
    assert "numpy.linalg.inv is not allowed" in run.checks["double_doubles"]["message"]


def forbidden_import_reported(run: Run) -> None:
    assert statuses(run) == {"forbidden"}
    assert "importing 'torch' is not allowed" in run.report["katas"][0]["problem"]


def affine_caught_by_reference(run: Run) -> None:
    assert run.checks["affine_matches_reference"]["status"] == "failed"


def input_fails_fast(run: Run) -> None:
    assert "EOFError" in run.checks["double_doubles"]["message"]


def loop_counted_anyway(run: Run) -> None:
    check = run.checks["predict_work_does_not_grow_with_training_points"]
    assert check["status"] == "failed" and "sys.settrace" in check["message"]


def line_count_check_failed(run: Run) -> None:
    assert run.checks["predict_work_does_not_grow_with_training_points"]["status"] == "failed"


def loop_found_through_the_alias(run: Run) -> None:
    assert run.checks["pairwise_distances_has_no_python_loop"]["status"] == "failed"
    line_count_check_failed(run)


def refused_as_numerical(*checks: str, why: str) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        for name in checks:
            assert run.checks[name]["status"] == "forbidden", run.checks[name]
            assert why in run.checks[name]["message"] and "deriving the gradient" in run.checks[name]["message"]
    return check


def forbidden_everywhere(run: Run) -> None:
    for name in ("double_doubles", "square_backward_matches_numerical_gradient", "square_matches_reference"):
        assert run.checks[name]["status"] == "forbidden"
        assert "numpy.linalg.inv is not allowed" in run.checks[name]["message"]


def timed_out(run: Run) -> None:
    assert run.checks["double_doubles"]["status"] == "timeout"


CASES = [
    Case("exit_at_import.py", max_points=0, extra=expect_status("error")),
    Case("os_exit_at_import.py", max_points=0, extra=expect_status("crashed")),
    Case("keyboard_interrupt_at_import.py", max_points=0, extra=expect_status("error")),
    Case("exits_in_calls.py", max_points=0),
    Case("patch_comparisons.py"),
    Case("always_equal_object.py"),
    Case("ndarray_subclass.py"),
    Case("frame_and_gc_hunting.py"),
    Case("import_reference.py"),
    Case("read_reference_from_disk.py", bwrap_only=True),
    Case("write_report_file.py", bwrap_only=True),
    Case("fake_pass_lines.py", extra=fake_lines_are_marked),
    Case("fake_protocol_frames.py"),
    Case("ansi_escapes.py", extra=no_escape_codes),
    Case("output_flood.py", extra=output_is_bounded),
    Case("raw_bytes_to_pipe.py", max_points=5, hidden_points_zero=False, extra=pipe_garbage_fails_closed),
    Case("reduce_payload.py"),
    Case("infinite_loop.py", max_points=0, extra=timed_out),
    Case("sleep_forever.py", max_points=0, extra=timed_out),
    Case("input_call.py", extra=input_fails_fast),
    Case("memory_bomb.py", options=("--memory-mb", "1024")),
    Case("fork_bomb.py"),
    Case("setsid_daemon.py"),
    Case("thread_bomb.py"),
    Case("socket_and_dns.py"),
    Case("fill_tmp.py", bwrap_only=True),
    Case("kill_parent.py", isolated=True),
    Case("bad_values.py"),
    Case("mutate_inputs.py"),
    Case("forbidden_import.py", max_points=0, extra=forbidden_import_reported),
    Case("forbidden_name.py", max_points=1, hidden_points_zero=False, extra=forbidden_reported),
    Case("self_modifying.py", isolated=True),
    Case("zero_forward_backward.py", kata="backprop", max_points=99),
    Case("gradcheck_aware.py", kata="backprop", max_points=99, hidden_points_zero=False,
         extra=affine_caught_by_reference),
    Case("hardcode_public_examples.py", kata="perceptron", max_points=99),
    Case("hide_loop_from_line_counter.py", kata="knn", short_of=1, hidden_points_zero=False,  # all but the loop check
         extra=loop_counted_anyway),
    Case("plant_links_in_scratch.py", kata="serialization", max_points=99, hidden_points_zero=False,
         extra=nothing_written_through_links),
    Case("deep_tree_in_scratch.py", extra=cleanup_followed_no_link),
    Case("read_grader_secrets.py", isolated=True, seed=True),
    Case("import_classmate.py", classmate=True),
    Case("escapes_in_exceptions.py", max_points=0, extra=no_escapes_anywhere),
    Case("slow_calls.py", max_points=99, hidden_points_zero=False, options=("--budget", "4"), extra=run_budget_spent),
    Case("costly_reply_frames.py", max_points=1, hidden_points_zero=False, extra=replies_fail_closed),
    Case("fill_dev_shm.py", bwrap_only=True, options=("--tmp-mb", "16"), extra=shm_and_root_bounded),
    Case("loop_in_raw_thread.py", kata="knn", short_of=1, hidden_points_zero=False, extra=line_count_check_failed),
    Case("loop_in_prestarted_thread.py", kata="knn", short_of=1, hidden_points_zero=False,
         extra=line_count_check_failed),
    Case("tracer_off_and_restored.py", kata="knn", short_of=3, hidden_points_zero=False,
         extra=line_count_check_failed),
    Case("loop_in_renamed_code.py", kata="knn", short_of=2, hidden_points_zero=False,
         extra=loop_found_through_the_alias),
    Case("loop_behind_map_alias.py", kata="knn", short_of=2, hidden_points_zero=False,
         extra=loop_found_through_the_alias),
    Case("frame_tracing_switched_off.py", kata="knn", short_of=2, hidden_points_zero=False,
         extra=line_count_check_failed),
    Case("numerical_backward.py", hidden_points_zero=False,
         extra=refused_as_numerical("square_backward_matches_numerical_gradient", "square_matches_reference",
                                    why="finite-difference")),
    Case("numerical_backward_packed.py", hidden_points_zero=False,
         extra=refused_as_numerical("square_backward_matches_numerical_gradient", "square_matches_reference",
                                    why="finite-difference")),
    Case("complex_step_backward.py", hidden_points_zero=False,
         extra=refused_as_numerical("square_backward_matches_numerical_gradient", "square_matches_reference",
                                    why="complex-step")),
    Case("numerical_backward_lstm.py", kata="lstm", max_points=6, hidden_points_zero=False,  # 5 + in-place check
         extra=refused_as_numerical("backward_matches_numerical_gradient_of_your_forward",
                                    why="calls lstm_step_forward")),
    Case("forbidden_by_another_path.py", max_points=1, hidden_points_zero=False, extra=forbidden_everywhere),
]
ISOLATION = ["bwrap", "process"] if HAVE_BWRAP else ["process"]
PARAMS = [
    pytest.param(case, level, id=f"{level}-{case.cheat[:-3]}")
    for case in CASES
    for level in ISOLATION
    if not (case.bwrap_only and level == "process") and not (case.isolated and level == "process" and not AS_ROOT)
]


def test_the_suite_is_large_enough():
    assert len(CASES) >= 25
    assert sorted(c.cheat for c in CASES) == sorted(p.name for p in CHEATS.glob("*.py"))


def marker_processes(marker: str) -> list[int]:
    """Live (not zombie) processes whose command line carries ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "cmdline").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.fixture
def listener():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


PART = re.compile(r"^# __(?:HONEST_)?PART__ (\S+).*$", re.M)  # stands for cheats/parts/<file>


def render(case: Case, tmp: Path, marker: str, port: int) -> Path:
    source = PART.sub(lambda m: (CHEATS / "parts" / m[1]).read_text(), (CHEATS / case.cheat).read_text())
    for key, value in {
        "__MARKER__": marker, "__PORT__": str(port), "__ROOT__": str(ROOT), "__CWD__": str(tmp / "cwd"),
        "__JSON__": str(tmp / "out" / "report.json"), "__CANARY__": str(tmp / f"canary-{marker}"),
        "__CANARY_DIR__": str(tmp / "instructor-files"), "__SUBMISSION_DIR__": str(tmp / "submission"),
    }.items():
        source = source.replace(key, value)
    folder = tmp / "submission"
    folder.mkdir()
    path = folder / f"{case.kata}.py"
    path.write_text(source)
    if case.classmate:
        shutil.copy(ROOT / "tests" / "fixtures" / "toy_submissions" / "good.py", folder / "classmate.py")
    (tmp / "instructor-files").mkdir()
    (tmp / "instructor-files" / "keep.txt").write_text("an instructor's file")
    return path


@pytest.fixture
def grader_tmp():
    """The grader's TMPDIR: run folders must be gone from it after grading (and reachable by a dropped uid)."""
    folder = Path(tempfile.mkdtemp(prefix="mlk-grader-tmp-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("case,isolation", PARAMS)
def test_cheat_gains_nothing(case: Case, isolation: str, tmp_path: Path, listener: socket.socket, grader_tmp: Path):
    marker = f"mlk-{uuid.uuid4().hex}"
    port = listener.getsockname()[1]
    submission = render(case, tmp_path, marker, port)
    original = submission.read_text()
    (tmp_path / "cwd").mkdir()
    (tmp_path / "out").mkdir()
    report_path = tmp_path / "out" / "report.json"
    command = [sys.executable, str(ROOT / "grade.py"), "--plugin", TOY_PLUGIN, "--kata", case.kata,
               "--submission", str(submission), "--json", str(report_path), "--timeout", "1",
               "--isolation", isolation, *(o.replace("__MARKER__", marker) for o in case.options)]
    env = {k: v for k, v in os.environ.items() if k != "ML_KATAS_SEED"}
    env["TMPDIR"] = str(grader_tmp)
    if case.seed:
        env["ML_KATAS_SEED"] = f"seed-{marker}"
        command += ["--seed", f"seed-{marker}"]
    proc = subprocess.run(command, cwd=tmp_path / "cwd", capture_output=True, text=True, timeout=240, env=env)

    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    report = json.loads(report_path.read_text())
    assert report["schema"] == "ml-katas/report/1" and report["isolation"] == isolation
    [kata] = report["katas"]
    assert kata["kata"] == case.kata and kata["max_points"] > 0 and kata["checks"]
    run = Run(proc.stdout, proc.stderr, proc.returncode, report, marker, tmp_path,
              {c["check"]: c for c in kata["checks"]})

    most = case.max_points if case.short_of is None else kata["max_points"] - case.short_of
    assert kata["points"] <= most, f"the cheat earned {kata['points']} of {kata['max_points']} points, more than {most}"
    assert kata["points"] < kata["max_points"]
    if case.hidden_points_zero:
        hidden = [c for c in kata["checks"] if c["visibility"] == "hidden"]
        assert hidden and all(c["points"] == 0 for c in hidden)
    assert not marker_processes(marker), "processes started by the submission outlived grading"
    try:
        conn, _ = listener.accept()
        conn.close()
        pytest.fail("the submission reached a socket on the grader's machine")
    except BlockingIOError:
        pass
    leftovers = [p for p in (ROOT / "reference", tmp_path / "cwd", tmp_path, Path("/tmp"), Path.home())
                 for p in p.glob(f"*{marker}*")]
    if isolation == "bwrap":
        assert not leftovers, f"written outside the run's temp directory: {leftovers}"
    assert submission.read_text() == original  # the worker sees a copy
    assert not (tmp_path / f"canary-{marker}").exists()
    assert not list(grader_tmp.glob("ml-katas-*")), "a run folder was left behind"
    if case.extra:
        case.extra(run)
