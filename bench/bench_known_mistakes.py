"""What grading every known mistake of a kata costs, printed as figures (run by hand:
``python bench/bench_known_mistakes.py [--kata ID ...]``).

The project's tests, ``grade validate`` and ``grade release`` grade every known mistake of every kata. For each
kata named: seconds to grade its mistakes one sandbox each (``Runner.grade`` per file: a worker and a replay
worker per mistake, as before ``Runner.grade_own``), all in one sandbox (``Runner.grade_own``), and to freeze its
probes for the student edition (``freeze_probes``, public checks only), with the size of ``probes.json``.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graders.mistakes import write_modules  # noqa: E402
from graders.plugins import load_registry  # noqa: E402
from graders.replay import freeze_probes  # noqa: E402
from graders.runner import GradeOptions, Runner  # noqa: E402

KATAS = ("batchnorm", "training_loop", "gpt_capstone")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kata", action="append", help=f"a kata (repeatable; default: {', '.join(KATAS)})")
    parser.add_argument("--isolation", default="auto")
    args = parser.parse_args()
    registry = load_registry()
    options = GradeOptions(isolation=args.isolation, shrink=False, replay_budget=600.0)
    print(f"{'kata':16} {'mistakes':>8} {'one sandbox each':>17} {'grade_own':>10} {'probes':>8} {'probes.json':>12}")
    for kata_id in args.kata or KATAS:
        kata = registry.kata(kata_id)
        with tempfile.TemporaryDirectory() as folder:
            files = list(write_modules(kata.mistakes, kata.reference_path.read_text(), Path(folder), kata_id).values())
            start = time.perf_counter()
            for file in files:
                Runner(options).grade([kata], file)
            each = time.perf_counter() - start
            start = time.perf_counter()
            Runner(options).grade_own(kata, files)
            own = time.perf_counter() - start
        start = time.perf_counter()
        probes = freeze_probes(kata, GradeOptions(isolation=args.isolation))
        frozen = time.perf_counter() - start
        print(f"{kata_id:16} {len(files):8d} {each:16.1f}s {own:9.1f}s {frozen:7.1f}s "
              f"{len(json.dumps(probes)) / 1000:10.1f} KB")


if __name__ == "__main__":
    main()
