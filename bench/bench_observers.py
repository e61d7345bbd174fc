"""What the worker's observers cost per call, printed as figures (run by hand).

``python bench/bench_observers.py [--isolation LEVEL] [--calls N]``

- the backward-pass watch (numerical gradients): the references' ``lstm_step_backward``
  (no loop) and ``conv2d_backward`` (a Python loop over positions calling NumPy
  functions written in Python: the worst case), with and without their
  forward and backward passes declared;
- the forbidden-function guard: a trivial call with and without
  ``numpy.linalg.inv`` forbidden (every module holding it patched, its
  implementation's code swapped, all restored after the call);
- the line count (vectorisation): a 200,000-iteration Python loop and the knn
  reference's ``predict``, with and without their lines counted.

Each figure is the median over ``--calls`` calls, in microseconds.
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

from graders.sandbox import Limits, Sandbox, Submission, count_lines, resolve_isolation  # noqa: E402

FORBIDDEN = {"numpy.linalg.inv": "solve instead"}


def loaded(tmp: str, isolation: str, name: str, source: str, names: dict | None = None,
           passes: dict | None = None) -> tuple[Sandbox, Submission]:
    folder = Path(tmp) / name
    folder.mkdir()
    (folder / f"{name}.py").write_text(source)
    sandbox = Sandbox.for_folder(folder, Limits(), isolation)
    path = sandbox.staged(folder / f"{name}.py")
    result = sandbox.load(name, path, (), names or {}, f"{name}.py", passes=passes)
    assert result.ok, result.error
    return sandbox, Submission(sandbox, name, path, f"{name}.py")


def median_us(call, calls: int) -> float:
    times = []
    for _ in range(calls):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e6


def paired_us(plain, observed, calls: int) -> tuple[float, float]:
    """Medians of two calls made alternately, so that the machine's load drifts equally on both."""
    times: tuple[list, list] = ([], [])
    for _ in range(calls):
        for call, kept in ((plain, times[0]), (observed, times[1])):
            t = time.perf_counter()
            call()
            kept.append(time.perf_counter() - t)
    return statistics.median(times[0]) * 1e6, statistics.median(times[1]) * 1e6


def watched_backward(isolation: str, calls: int, kata: str, forward_args: tuple, douts: tuple) -> tuple[float, float]:
    """Medians of the reference's ``<kata>_backward`` (or step backward) plain and watched, called alternately."""
    source = (ROOT / "reference" / f"{kata}.py").read_text()
    prefix = "lstm_step" if kata == "lstm" else kata
    backwards = []
    with tempfile.TemporaryDirectory() as tmp:
        for passes in (None, {"forward": [f"{prefix}_forward"], "backward": [f"{prefix}_backward"]}):
            sandbox, sub = loaded(tmp, isolation, kata if passes is None else f"{kata}_watched", source,
                                  passes=passes)
            cache = getattr(sub, f"{prefix}_forward")(*forward_args)[-1]
            backward = getattr(sub, f"{prefix}_backward")
            backwards.append((sandbox, lambda backward=backward, cache=cache: backward(*douts, cache)))
        figures = paired_us(backwards[0][1], backwards[1][1], calls)
        for sandbox, _ in backwards:
            sandbox.close()
    return figures


def backward_watch(isolation: str, calls: int) -> list[tuple[str, float, float]]:
    rng = np.random.default_rng(0)
    n, d, h = 4, 5, 6
    lstm_args = (rng.standard_normal((n, d)), rng.standard_normal((n, h)), rng.standard_normal((n, h)),
                 rng.standard_normal((d, 4 * h)), rng.standard_normal((h, 4 * h)), rng.standard_normal(4 * h))
    conv_args = (rng.standard_normal((1, 2, 16, 16)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3), 1, 1)
    return [
        ("lstm_step_backward (no Python loop)", *watched_backward(
            isolation, calls, "lstm", lstm_args, (rng.standard_normal((n, h)), rng.standard_normal((n, h))))),
        ("conv2d_backward, 16x16 (a loop of 256 np.tensordot calls)", *watched_backward(
            isolation, max(calls // 10, 10), "conv2d", conv_args, (rng.standard_normal((1, 3, 16, 16)),))),
    ]


def forbidden_guard(isolation: str, calls: int) -> tuple[float, float]:
    source = "def echo(x):\n    return x\n"
    echoes = []
    with tempfile.TemporaryDirectory() as tmp:
        for names in ({}, FORBIDDEN):
            sandbox, sub = loaded(tmp, isolation, "free" if not names else "guarded", source, names=names)
            sub.echo(1.0)
            echoes.append((sandbox, lambda sub=sub: sub.echo(1.0)))
        figures = paired_us(echoes[0][1], echoes[1][1], calls)
        for sandbox, _ in echoes:
            sandbox.close()
    return figures


def line_count(isolation: str, calls: int) -> list[tuple[str, float, float, int]]:
    loop = "def loop(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n"
    rows = []
    rng = np.random.default_rng(0)
    X, y, Q = rng.standard_normal((160, 3)), rng.permutation(np.arange(160) % 3), rng.standard_normal((8, 3))
    with tempfile.TemporaryDirectory() as tmp:
        sandbox, sub = loaded(tmp, isolation, "loop", loop)
        plain = median_us(lambda: sub.loop(200_000), 5)
        with count_lines(sub) as counted:
            counted_us = median_us(lambda: sub.loop(200_000), 5)
        rows.append(("a 200,000-iteration Python loop", plain, counted_us, counted.lines // 5))
        sandbox.close()
        sandbox, sub = loaded(tmp, isolation, "knn", (ROOT / "reference" / "knn.py").read_text())
        model = sub.KNeighborsClassifier(n_neighbors=5).fit(X, y)
        plain = median_us(lambda: model.predict(Q), calls)
        with count_lines(sub) as counted:
            counted_us = median_us(lambda: model.predict(Q), calls)
        rows.append(("knn reference predict (160 points, 8 queries)", plain, counted_us, counted.lines // calls))
        sandbox.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--isolation", default="auto", choices=["auto", "bwrap", "process"])
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    isolation = resolve_isolation(args.isolation)
    print(f"isolation: {isolation}; medians over {args.calls} calls, microseconds per call\n")
    for what, plain, watched in backward_watch(isolation, args.calls):
        print(f"backward watch    {what}: {plain:,.0f} plain, {watched:,.0f} watched (+{watched - plain:,.0f} us)")
    plain, guarded = forbidden_guard(isolation, args.calls)
    print(f"forbidden guard   trivial call:       {plain:8.0f} plain, {guarded:8.0f} with numpy.linalg.inv "
          f"forbidden (+{guarded - plain:.0f} us)")
    for what, plain, counted, lines in line_count(isolation, args.calls):
        print(f"line count        {what}: {plain:,.0f} plain, {counted:,.0f} counted "
              f"({counted / plain:.1f}x, {lines:,} lines)")


if __name__ == "__main__":
    main()
