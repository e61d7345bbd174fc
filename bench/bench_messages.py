"""Figures on failure messages, printed (run by hand: ``python bench/bench_messages.py [--katas a,b] [--shrink]``).

Grades every known mistake of the chosen katas (all by default) as a submission, or (``--realistic``) the
realistic mistakes of ``bench/message_mistakes.py`` with their first failure messages in full, and prints:

- the share of known mistakes whose first failure message (with its call line) names one of its culprits;
- the median length of a first failure message;
- how many heuristic remarks the messages show (all failed checks), by kind.

``--shrink`` grades as a learner is graded (hypothesis shrinks failing examples: slower); without it, as the
test suite's quality gate does. ``--jsonl FILE`` writes one line per graded submission with its messages.
``--root TREE`` grades with another checkout's engine and katas (e.g. an export of main, for "before" figures).
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument("--katas", default="", help="comma-separated kata ids (default: every kata)")
ARGS.add_argument("--shrink", action="store_true", help="shrink failing examples, as learners are graded")
ARGS.add_argument("--realistic", action="store_true", help="grade bench/message_mistakes.py instead, and print them")
ARGS.add_argument("--jsonl", default="", help="write each submission's messages to this file")
ARGS.add_argument("--root", default=str(Path(__file__).resolve().parent.parent), help="the tree to grade with")
OPTIONS = ARGS.parse_args()
sys.path.insert(0, OPTIONS.root)

from graders.plugins import load_registry  # noqa: E402
from graders.runner import GradeOptions, Runner  # noqa: E402
from message_mistakes import REALISTIC  # noqa: E402

REMARKS = {
    "zeros": r"is all zeros\.",
    "sign": r"The sign is flipped\.",
    "factor": r"off by a constant factor",
    "transpose": r"matches the transpose of what",
    "nonfinite guess": r"is the usual cause\.",
    "nonfinite traced": r"first appears in your code at",
}


def grade(runner: Runner, kata, source: str, folder: Path) -> list:
    file = folder / f"{kata.id}.py"
    file.write_text(source)
    return [c for c in runner.grade([kata], file).katas[0].checks if not c.passed]


def main() -> None:
    registry = load_registry()
    print(f"engine: {sys.modules['graders'].__file__}")
    katas = [k for k in OPTIONS.katas.split(",") if k] or sorted(registry.katas)
    runner = Runner(GradeOptions(shrink=OPTIONS.shrink, replay_budget=600.0))
    jobs = []
    for kata_id in katas:
        kata = registry.katas[kata_id]
        if OPTIONS.realistic:
            reference = kata.reference_path.read_text(encoding="utf-8")
            jobs += [(kata, m.id, tuple(m.culprits), m.build_source(reference, kata_id))
                     for m in REALISTIC.get(kata_id, [])]
        else:
            jobs += [(kata, m.id, tuple(m.culprits), kata.mistake_source(m.id)) for m in kata.mistakes]
    lengths, named, counts, out = [], 0, dict.fromkeys(REMARKS, 0), []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for kata, mistake_id, culprits, source in jobs:
            failed = grade(runner, kata, source, Path(folder))
            first = failed[0] if failed else None
            if first is not None:
                lengths.append(len(first.message))
                named += any(c in f"{first.message}\n{first.call}" for c in culprits)
            for check in failed:
                for kind, pattern in REMARKS.items():
                    counts[kind] += len(re.findall(pattern, check.message))
            if OPTIONS.realistic:
                shown = f"{first.check}: {first.message}\n    call: {first.call}" if first else "passes every check"
                print(f"\n## {kata.id} / {mistake_id}\n{shown}", flush=True)
            out.append({"kata": kata.id, "mistake": mistake_id, "culprits": culprits,
                        "messages": [[c.check, c.message, c.call, c.example] for c in failed]})
    known = len(jobs)
    print(f"{len(jobs)} submissions graded in {time.perf_counter() - start:.0f} s (shrink={OPTIONS.shrink})")
    if known:
        print(f"first message names a culprit: {named}/{known} ({100 * named / known:.0f} %)")
    if lengths:
        print(f"median first-message length: {statistics.median(lengths):.0f} characters")
    print("heuristic remarks shown (all failed checks): "
          + ", ".join(f"{kind} {n}" for kind, n in counts.items()) + f"; total {sum(counts.values())}")
    if OPTIONS.jsonl:
        Path(OPTIONS.jsonl).write_text("".join(json.dumps(line) + "\n" for line in out))


if __name__ == "__main__":
    main()
