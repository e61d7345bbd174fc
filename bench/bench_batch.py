"""Throughput of ``grade batch``, printed as figures (run by hand: ``python bench/bench_batch.py [--jobs 1 2]
[--cluster 2]``).

Generates a class of submissions on a few katas: copies of the reference,
untouched stubs, one known mistake per kata, and a few adversarial ones (an
infinite loop, an exit at import, a syntax error, output flooding), then
grades the class once per ``--jobs`` value from scratch and prints
submissions per minute and how many cores were busy on average: the CPU time
of the grader processes and the sandbox workers they waited for, over
wall-clock time (a lower bound: workers killed after a timeout are not
counted). Half the submissions are zips. ``--cluster N`` grades the same
class on a Dask LocalCluster of N worker processes (``ml-katas[distributed]``;
its workers' CPU time is not counted) and prints submissions per minute and
the cost of one grade (worker-seconds per submission).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graders.batch import BatchConfig, run_batch  # noqa: E402
from graders.plugins import load_registry  # noqa: E402
from graders.runner import GradeOptions  # noqa: E402

ADVERSARIAL = {
    "infinite_loop": "def {name}(*args, **kwargs):\n    while True:\n        pass\n",
    "exit_at_import": "import os\nos._exit(0)\n",
    "syntax_error": "def {name}(:\n",
    "output_flood": "def {name}(*args, **kwargs):\n    print('x' * 10_000_000)\n",
}


def generate(folder: Path, katas: list, n: int, seed: int = 0) -> dict[str, int]:
    """``n`` submissions in ``folder``: 40 % references, 30 % stubs, 20 % known mistakes, 10 % adversarial."""
    rng = random.Random(seed)
    kinds = (["reference"] * 4 + ["stub"] * 3 + ["mistake"] * 2 + ["adversarial"]) * (n // 10 + 1)
    counts: dict[str, int] = {}
    for i, kind in enumerate(kinds[:n]):
        counts[kind] = counts.get(kind, 0) + 1
        student = folder / f"student{i:03d}"
        student.mkdir(parents=True)
        for kata in katas:
            target = student / f"{kata.id}.py"
            if kind == "reference":
                shutil.copy(ROOT / "reference" / f"{kata.id}.py", target)
            elif kind == "stub":
                shutil.copy(kata.stub_path, target)
            elif kind == "mistake":
                target.write_text(kata.mistake_source(rng.choice(kata.mistakes).id))
            else:
                attack = list(ADVERSARIAL)[i % len(ADVERSARIAL)]
                target.write_text(ADVERSARIAL[attack].format(name=kata.api[0]))
        if i % 2:
            with zipfile.ZipFile(folder / f"{student.name}.zip", "w") as zf:
                for path in student.iterdir():
                    zf.write(path, f"{student.name}/{path.name}")
            shutil.rmtree(student)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cluster", type=int, nargs="*", default=[2], help="Workers of a Dask LocalCluster.")
    parser.add_argument("-n", type=int, default=50, help="Submissions in the class.")
    parser.add_argument("--katas", nargs="+", default=["activations", "softmax", "losses"])
    parser.add_argument("--isolation", default="auto", choices=["auto", "bwrap", "process"])
    parser.add_argument("--timeout", type=float, default=2.0, help="Seconds per call (adversarial loops hit it).")
    args = parser.parse_args()
    registry = load_registry()
    katas = [registry.kata(k) for k in args.katas]
    with tempfile.TemporaryDirectory() as tmp:
        counts = generate(Path(tmp) / "class", katas, args.n)
        print(f"{args.n} submissions on {', '.join(args.katas)}: "
              + ", ".join(f"{v} {k}" for k, v in counts.items()) + f"; {os.cpu_count()} cores")
        for jobs in args.jobs:
            config = BatchConfig(GradeOptions(isolation=args.isolation, timeout=args.timeout), jobs=jobs)
            start, cpu_before = time.perf_counter(), _cpu_seconds()
            result = run_batch(Path(tmp) / "class", Path(tmp) / f"grades-{jobs}", katas, config, echo=lambda _: None)
            seconds = time.perf_counter() - start
            busy = (_cpu_seconds() - cpu_before) / seconds
            print(f"-j {jobs}: {len(result.rows)} submissions in {seconds:.1f} s = {60 * args.n / seconds:.1f} per "
                  f"minute ({seconds / args.n:.2f} s each), {busy:.2f} cores busy on average; "
                  f"{len(result.problems)} not gradable")
        for workers in args.cluster:
            config = BatchConfig(GradeOptions(isolation=args.isolation, timeout=args.timeout), cluster=workers)
            start = time.perf_counter()
            result = run_batch(Path(tmp) / "class", Path(tmp) / f"grades-dask-{workers}", katas, config,
                               echo=lambda _: None)
            seconds = time.perf_counter() - start
            print(f"Dask LocalCluster, {workers} workers: {len(result.rows)} submissions in {seconds:.1f} s = "
                  f"{60 * args.n / seconds:.1f} per minute ({workers * seconds / args.n:.2f} worker-seconds per "
                  f"submission, cluster start included); {len(result.problems)} not gradable")


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (grader processes, with their sandbox workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
