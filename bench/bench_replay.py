"""What diagnosis by replay costs, printed as figures (run by hand: ``python bench/bench_replay.py [--repeats N]``).

Seconds to grade one failing kata without the replay (``GradeOptions(diagnose=False)``, as before it existed)
and with it, for two failing submissions: one that makes a known mistake and one wrong in a way no known
mistake is (every mistake is replayed on every failing check, in both cases, so that mistakes alike on one
example are told apart on the others). The replay runs only when a check fails, so a passing submission costs nothing more.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graders.plugins import load_registry  # noqa: E402
from graders.runner import GradeOptions, Runner  # noqa: E402

KATA, MISTAKE = "batchnorm", "momentum_reversed"
UNKNOWN = ("inv_std = 1.0 / np.sqrt(var + eps)", "inv_std = 1.01 / np.sqrt(var + eps)")  # wrong, but no known mistake


def seconds(kata, file: Path, diagnose: bool, isolation: str, repeats: int) -> tuple[float, int]:
    times, named = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        report = Runner(GradeOptions(isolation=isolation, diagnose=diagnose)).grade([kata], file)
        times.append(time.perf_counter() - start)
        named = sum(1 for c in report.katas[0].checks if c.diagnosis)
    return statistics.median(times), named


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--isolation", default="auto")
    args = parser.parse_args()
    kata = load_registry().katas[KATA]
    reference = kata.reference_path.read_text(encoding="utf-8")
    assert reference.count(UNKNOWN[0]) == 1, "the reference changed: update UNKNOWN"
    sources = {f"known mistake {MISTAKE}": kata.mistake_source(MISTAKE),
               "a mistake no known one reproduces": reference.replace(*UNKNOWN)}
    print(f"{KATA}: {len(kata.mistakes)} known mistakes, median of {args.repeats} gradings (isolation {args.isolation})")
    with tempfile.TemporaryDirectory() as tmp:
        for label, source in sources.items():
            file = Path(tmp) / label.split()[0] / f"{KATA}.py"
            file.parent.mkdir(exist_ok=True)
            file.write_text(source)
            before, _ = seconds(kata, file, False, args.isolation, args.repeats)
            after, named = seconds(kata, file, True, args.isolation, args.repeats)
            print(f"  {label:<36} without replay {before:6.2f} s   with replay {after:6.2f} s   "
                  f"(+{after - before:.2f} s; {named} failed check(s) diagnosed)")


if __name__ == "__main__":
    main()
