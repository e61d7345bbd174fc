"""Grading time per isolation level, and the cost of the grader's safe file operations (run by hand).

``python bench/bench_isolation.py [--root TREE] [--repeat N] [KATA ...]`` grades the reference of the seven
core katas (or the katas named) once per isolation level available here, each kata in a run of its own
(a fresh worker, as ``grade --kata`` does), and prints the seconds. ``--root`` grades with another checkout
of the project (an older commit, to compare). Then, with this tree's engine: what staging a submission
folder costs, a scratch-folder write and read through ``scratch_files`` against a plain ``open``, and what a
worker's cgroup and the reply bound cost.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

CORE = ["perceptron", "backprop", "batchnorm", "adam", "conv2d", "lstm", "attention"]


def grading_times(root: Path, katas: list[str], repeat: int) -> None:
    from graders.plugins import load_registry
    from graders.runner import GradeOptions, Runner
    from graders.sandbox import IsolationUnavailable

    registry = load_registry()
    print(f"{'kata':<14}" + "".join(f"{level:>12}" for level in ("bwrap", "process")))
    totals = {"bwrap": 0.0, "process": 0.0}
    runners = {}
    for level in ("bwrap", "process"):
        try:
            runners[level] = Runner(GradeOptions(isolation=level))
        except IsolationUnavailable:
            pass
    for kata_id in katas:
        kata = registry.katas[kata_id]
        row = f"{kata_id:<14}"
        for level in ("bwrap", "process"):
            if level not in runners:
                row += f"{'-':>12}"
                continue
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                report = runners[level].grade([kata], root / "reference")
                times.append(time.perf_counter() - start)
            assert report.katas[0].score == 1.0, (kata_id, level, report.katas[0].problem)
            totals[level] += statistics.median(times)
            row += f"{statistics.median(times):>11.2f}s"
        print(row)
    print(f"{'total':<14}" + "".join(f"{totals[level]:>11.2f}s" if level in runners else f"{'-':>12}"
                                     for level in ("bwrap", "process")))


def file_costs(root: Path) -> None:
    from graders.sandbox import Limits, Sandbox, Submission, scratch_files

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        sandbox = Sandbox.for_folder(root / "reference", Limits(), "process")
        staged = len(sandbox.sources)
        print(f"\nstaging reference/ ({staged} files) into a run folder: {1e3 * (time.perf_counter() - t):.1f} ms")
        scratch = scratch_files(Submission(sandbox, "x", Path("x.py"), "x.py"))
        data = os.urandom(64 * 1024)
        n = 500
        t = time.perf_counter()
        for _ in range(n):
            scratch.write("bench.bin", data)
            scratch.read("bench.bin")
        safe = (time.perf_counter() - t) / n
        plain_path = Path(tmp) / "bench.bin"
        t = time.perf_counter()
        for _ in range(n):
            plain_path.write_bytes(data)
            plain_path.read_bytes()
        plain = (time.perf_counter() - t) / n
        print(f"a 64 KiB write and read in scratch: {1e6 * safe:.0f} us through scratch_files, "
              f"{1e6 * plain:.0f} us with a plain open")
        sandbox.close()


def bound_costs() -> None:
    """What the per-worker cgroup and the per-call reply bound cost."""
    import numpy as np

    from graders.sandbox import wire
    from graders.sandbox.cgroups import WorkerCgroup

    n, t = 50, time.perf_counter()
    made = 0
    for i in range(n):
        group = WorkerCgroup.create(f"ml-katas-{os.getpid()}-bench-{i}", 256)
        if group is not None:
            made += 1
            group.remove()
    if made:
        print(f"a worker's cgroup, made and removed: {1e3 * (time.perf_counter() - t) / n:.2f} ms")
    else:
        print("no cgroup could be made here (not root, or no pids controller)")
    message = {"args": [{"$nd": 0, "dtype": "<f8", "shape": [64, 64]}, {"$nd": 1, "dtype": "<f8", "shape": [64]}],
               "kwargs": {"$dict": [["stride", 1]]}}
    t = time.perf_counter()
    for _ in range(10_000):
        wire.count_numbers([message["args"], message["kwargs"]])
    print(f"counting a request's numbers (only when a reply is refused): {1e6 * (time.perf_counter() - t) / 1e4:.1f} us; "
          f"the bound itself is one comparison per reply ({np.float64(0).nbytes}-byte numbers)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("katas", nargs="*", default=CORE)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    os.chdir(root)
    print(f"tree: {root}; as uid {os.getuid()}")
    grading_times(root, args.katas, args.repeat)
    from graders.sandbox import proxy

    if hasattr(proxy, "scratch_files"):
        file_costs(root)
    with contextlib.suppress(ImportError):
        bound_costs()


if __name__ == "__main__":
    main()
