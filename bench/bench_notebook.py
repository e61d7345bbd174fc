"""Grading inside a Jupyter kernel, printed as figures (run by hand: ``python bench/bench_notebook.py``).

Executes the generated notebook of a kata with nbclient in a real ipykernel,
the reference typed into its solution cell, then times in the kernel: the
first ``grade`` (imports the grader and its katas), and the following ones
(what a learner waits for each time they run ``%grade``). Needs
``pip install -e ".[notebooks]"``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbclient
import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graders.notebooks import write_notebook  # noqa: E402
from graders.plugins import load_registry  # noqa: E402

TIMED = '''import time as _t
_start = _t.perf_counter()
_graded = grade({kata!r}, record=False)
print(f"{{_t.perf_counter() - _start:.3f}} {{_graded.score:.3f}}")'''


def kernel_grading(kata: str, repeats: int) -> tuple[float, list[float], float]:
    """Seconds of the first in-kernel grading, of each later one, and to start the kernel and run the setup."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_notebook(load_registry().kata(kata), Path(tmp))
        notebook = nbformat.read(str(path), as_version=4)
        notebook.cells[3].source = (ROOT / "reference" / f"{kata}.py").read_text()
        notebook.cells[-1].source = "from graders.notebook import grade"
        for _ in range(repeats + 1):
            notebook.cells.append(nbformat.v4.new_code_cell(TIMED.format(kata=kata)))
        start = time.perf_counter()
        nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": tmp}}).execute()
        total = time.perf_counter() - start
    figures = [notebook.cells[-(repeats + 1) + i].outputs[0]["text"].split() for i in range(repeats + 1)]
    assert all(score == "1.000" for _, score in figures), figures
    seconds = [float(s) for s, _ in figures]
    return seconds[0], seconds[1:], total - sum(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kata", default="softmax")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    first, later, rest = kernel_grading(args.kata, args.repeats)
    print(f"in-kernel grade {args.kata} (reference, 100 %): first {first:.2f} s, then median "
          f"{statistics.median(later):.2f} s (min {min(later):.2f}, max {max(later):.2f}, {len(later)} gradings); "
          f"kernel start, setup and the other cells {rest:.2f} s")


if __name__ == "__main__":
    main()
