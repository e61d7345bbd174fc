"""Grading speed, printed as figures (run by hand: ``python bench/bench_grading.py [--isolation LEVEL] [KATA ...]``).

For each kata: the time to grade the reference and the stub (a warm worker
shared by the run, as ``grade --all`` does), then the whole suite in one run,
the per-call overhead of the worker boundary on a trivial function, and what
counting the student's lines (``assert_vectorised``) costs on a Python loop.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graders.plugins import load_registry  # noqa: E402
from graders.runner import GradeOptions, Runner  # noqa: E402
from graders.sandbox import Limits, Sandbox, Submission, count_lines  # noqa: E402

TRIVIAL = """
def echo(x):
    return x


def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total
"""


def trivial_submission(tmp: str, isolation: str) -> tuple[Sandbox, Submission]:
    folder = Path(tmp) / "sub"
    folder.mkdir()
    (folder / "trivial.py").write_text(TRIVIAL)
    sandbox = Sandbox.for_folder(folder, Limits(), isolation)
    path = sandbox.staged(folder / "trivial.py")
    sandbox.load("trivial", path, (), {}, "trivial.py")
    return sandbox, Submission(sandbox, "trivial", path, "trivial.py")


def line_count_overhead(isolation: str, n: int = 200_000) -> tuple[float, float, int]:
    """Seconds of a Python loop of n iterations without and with its lines counted, and the count."""
    with tempfile.TemporaryDirectory() as tmp:
        sandbox, sub = trivial_submission(tmp, isolation)
        t = time.perf_counter()
        sub.loop(n)
        plain = time.perf_counter() - t
        t = time.perf_counter()
        with count_lines(sub) as counted:
            sub.loop(n)
        traced = time.perf_counter() - t
        sandbox.close()
    return plain, traced, counted.lines


def call_overhead(isolation: str, calls: int = 2000) -> tuple[float, float]:
    """Median microseconds of a trivial call and of a call moving a 100x100 float64 array each way."""
    with tempfile.TemporaryDirectory() as tmp:
        sandbox, sub = trivial_submission(tmp, isolation)
        figures = []
        for payload in (1.0, np.ones((100, 100))):
            times = []
            for _ in range(calls):
                t = time.perf_counter()
                sub.echo(payload)
                times.append(time.perf_counter() - t)
            figures.append(statistics.median(times) * 1e6)
        sandbox.close()
    return figures[0], figures[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("katas", nargs="*")
    parser.add_argument("--isolation", default="auto", choices=["auto", "bwrap", "process"])
    args = parser.parse_args()
    registry = load_registry()
    katas = [registry.kata(k) for k in args.katas] if args.katas else registry.ordered()
    runner = Runner(GradeOptions(isolation=args.isolation))
    print(f"isolation: {runner.isolation}")
    trivial, array = call_overhead(runner.isolation)
    print(f"boundary: {trivial:.0f} us per trivial call, {array:.0f} us per call moving a 100x100 array each way")
    plain, traced, lines = line_count_overhead(runner.isolation)
    print(f"line counting: a 200,000-iteration Python loop takes {plain:.3f} s, {traced:.3f} s with its "
          f"{lines:,} lines counted ({traced / plain:.1f}x)")

    runner.grade(katas[:1], ROOT / "reference")  # warm imports and caches
    print(f"\n{'kata':<22}{'reference s':>12}{'score':>8}{'stub s':>10}{'score':>8}")
    total_ref = total_stub = 0.0
    for kata in katas:
        t = time.perf_counter()
        ref = runner.grade([kata], ROOT / "reference").katas[0]
        ref_s = time.perf_counter() - t
        t = time.perf_counter()
        stub = runner.grade([kata], ROOT / "student").katas[0]
        stub_s = time.perf_counter() - t
        total_ref += ref_s
        total_stub += stub_s
        print(f"{kata.id:<22}{ref_s:>12.3f}{100 * ref.score:>7.0f}%{stub_s:>10.3f}{100 * stub.score:>7.0f}%")
    print(f"{'sum of the above':<22}{total_ref:>12.3f}{'':>8}{total_stub:>10.3f}")

    for folder in ("reference", "student"):
        t = time.perf_counter()
        report = runner.grade(katas, ROOT / folder)
        print(f"whole suite on {folder + '/':<11} in one run: {time.perf_counter() - t:6.2f} s "
              f"({report.points:g}/{report.max_points} points)")


if __name__ == "__main__":
    main()
