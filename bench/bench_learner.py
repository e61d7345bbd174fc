"""The learner's loop, printed as figures (run by hand: ``python bench/bench_learner.py [--isolation LEVEL]``).

- watch: seconds from saving a file to the redrawn screen, for a kata whose
  grading is quick (softmax), alternating two wrong versions so every save
  regrades and redraws (the poll interval is the default of ``grade watch``);
- HTML report: seconds to grade one kata without and with ``--report`` (the
  difference is what the page costs: the heatmaps, the gradient errors, the
  kata's own figures and the page itself), for a failing attention submission;
- a looping kata: seconds to grade an lstm whose forward never returns (the
  first call times out after the kata's 5 s; every later check needing that
  function is reported "not run" at once instead of waiting 5 s more).
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graders.html_report import ReportBuilder  # noqa: E402
from graders.plugins import load_registry  # noqa: E402
from graders.progress import load_progress  # noqa: E402
from graders.runner import GradeOptions, Runner  # noqa: E402
from graders.watch import POLL_SECONDS, Watcher  # noqa: E402

WATCHED = "softmax"
VERSIONS = ("no_max_shift", "softmax_over_columns")  # two wrong versions: every save changes the screen
REPORTED, REPORTED_MISTAKE = "attention", "no_scale"


def save_to_redraw(isolation: str, saves: int) -> list[float]:
    """Seconds from each save to the screen drawn after it."""
    registry = load_registry()
    kata = registry.katas[WATCHED]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / f"{WATCHED}.py").write_text(kata.mistake_source(VERSIONS[0]))
        watcher = Watcher(Runner(GradeOptions(isolation=isolation)), registry.ordered(), folder,
                          load_progress(folder), registry.katas[WATCHED], io.StringIO())
        thread = threading.Thread(target=watcher.run, kwargs={"max_cycles": saves + 1}, daemon=True)
        thread.start()
        times = []
        for i in range(saves + 1):
            while len(watcher.redraws) <= i:
                time.sleep(0.005)
            if i == saves:
                break
            time.sleep(0.5)  # the learner reads the screen (and the next worker is warmed up)
            saved = time.perf_counter()
            (folder / f"{WATCHED}.py").write_text(kata.mistake_source(VERSIONS[(i + 1) % 2]))
            while len(watcher.redraws) <= i + 1:
                time.sleep(0.005)
            times.append(watcher.redraws[i + 1] - saved)
        thread.join()
    return times


def report_time(isolation: str, repeats: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds to grade one kata without a report, with the report, and of that the drawing alone."""
    registry = load_registry()
    kata = registry.katas[REPORTED]
    built = tempfile.TemporaryDirectory()
    file = Path(built.name) / f"{REPORTED}.py"
    file.write_text(kata.mistake_source(REPORTED_MISTAKE))
    plain, full, drawing = [], [], []
    builder, _ = ReportBuilder.for_plugins()  # loads matplotlib once, as a run of grade does
    for _ in range(repeats):
        start = time.perf_counter()
        Runner(GradeOptions(isolation=isolation)).grade([kata], file)
        plain.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            builder, _ = ReportBuilder.for_plugins()
            report = Runner(GradeOptions(isolation=isolation, figure_data=True)).grade(
                [kata], file, after_kata=builder.after_kata)
            page_start = time.perf_counter()
            builder.write(report, Path(tmp) / "report.html")
            full.append(time.perf_counter() - start)
            drawing.append(builder.seconds + time.perf_counter() - page_start)
    return plain, full, drawing


def looping_kata(isolation: str) -> tuple[float, int, int]:
    """Seconds to grade lstm with a forward that loops forever; how many checks timed out and were not run."""
    kata = load_registry().katas["lstm"]
    source = (ROOT / "reference" / "lstm.py").read_text().replace(
        "def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):\n",
        "def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):\n    while True:\n        pass\n", 1)
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "lstm.py"
        file.write_text(source)
        start = time.perf_counter()
        result = Runner(GradeOptions(isolation=isolation)).grade([kata], file).katas[0]
        seconds = time.perf_counter() - start
    not_run = sum(c.message.startswith("not run:") for c in result.checks)
    timed_out = sum(c.status == "timeout" for c in result.checks) - not_run
    return seconds, timed_out, not_run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--isolation", default="auto")
    parser.add_argument("--saves", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    times = save_to_redraw(args.isolation, args.saves)
    print(f"watch {WATCHED}: save to redrawn screen, median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} saves, polling every {POLL_SECONDS} s)")
    plain, full, drawing = report_time(args.isolation, args.repeats)
    print(f"report {REPORTED} ({REPORTED_FILE}): grading alone {statistics.median(plain):.2f} s, "
          f"with --report {statistics.median(full):.2f} s, of which figures and page "
          f"{statistics.median(drawing):.2f} s (medians of {args.repeats})")
    seconds, timed_out, not_run = looping_kata(args.isolation)
    print(f"looping lstm (forward never returns): graded in {seconds:.1f} s; {timed_out} check timed out, "
          f"{not_run} reported not run at once")


if __name__ == "__main__":
    main()
