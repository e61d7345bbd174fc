"""Is the work done in NumPy or in a Python loop? Measured by counting lines, not by a stopwatch.

A vectorised function runs the same lines of Python whatever the size of its
input; a Python loop over the data runs more lines for more data. Counting
them (``count_lines``) gives the same verdict on a busy laptop and on an idle
server, which a time limit cannot.
"""
from __future__ import annotations

from typing import Any, Callable

from graders.checks import fail
from graders.sandbox.proxy import Submission, count_lines


def lines_run(sub: Submission, workload: Callable[[], Any]) -> int:
    """The lines of the student's own Python code that ``workload()`` makes run (its calls into ``sub``)."""
    with count_lines(sub) as counted:
        workload()
    if counted.tampered:
        fail(f"your code interfered with Python's line tracer ({counted.why or 'sys.settrace'}), which the grader "
             "uses to see whether the work is vectorised; leave sys.settrace, frame.f_trace and threads alone "
             "(and let every thread you start finish before returning).")
    return counted.lines


def assert_vectorised(
    sub: Submission,
    workload: Callable[[int], Any],
    sizes: tuple[int, int],
    *,
    what: str,
    advice: str,
    slack: int = 10,
) -> None:
    """Fail when the Python lines the student's code runs in ``workload(n)`` grow with ``n``.

    ``workload(n)`` makes the calls on an input of size ``n``; it is run for both
    ``sizes``. ``what`` describes that input with ``{n}`` in it ("{n} training
    points"). The counts may differ by ``slack`` lines (a branch taken or not); a
    loop over the data adds at least one line per extra item. ``advice`` tells
    the learner how to vectorise.
    """
    counts = [lines_run(sub, lambda n=n: workload(n)) for n in sizes]
    grew = counts[1] - counts[0]
    if grew > slack:
        small, large = (what.format(n=n) for n in sizes)
        fail(f"your code ran {counts[0]:,} lines of Python on {small} and {counts[1]:,} on {large}: "
             f"{grew:,} more, so a Python loop runs once per item of the data (or per pair). "
             f"A vectorised solution runs the same lines whatever the size. {advice}")
