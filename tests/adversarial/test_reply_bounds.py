"""What a reply may cost the grader: its size against the request's, and what a report draws or prints of it."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from graders.describe import describe
from graders.sandbox import Limits, Sandbox, WorkerCrashed

HUGE = "import numpy as np\n\ndef double(x):\n    return np.zeros(3_000_000)\n\ndef same(x):\n    return x * 2\n"


def loaded(tmp_path: Path) -> Sandbox:
    (tmp_path / "cheat.py").write_text(HUGE)
    sandbox = Sandbox.for_folder(tmp_path, Limits(), "process")
    assert sandbox.load("cheat", sandbox.staged(tmp_path / "cheat.py"), (), {}, "cheat.py").ok
    return sandbox


def test_a_reply_far_larger_than_its_request_is_refused_unread(tmp_path):
    sandbox = loaded(tmp_path)
    try:
        with pytest.raises(WorkerCrashed) as refused:
            sandbox.call("cheat", {"module": "cheat", "attr": "double"}, (np.ones(12),), {}, "double", 10.0)
        said = str(refused.value)
        assert "returned 3,000,000 numbers (23 MiB) for arguments holding 12 numbers" in said, said
        assert "at most 64 times what it is given, or 16 MiB" in said
        big = np.ones(3_000_000)  # given as much, the same reply is legitimate
        assert np.array_equal(sandbox.call("cheat", {"module": "cheat", "attr": "same"}, (big,), {}, "same", 10.0),
                              2 * big)
    finally:
        sandbox.close()


def test_a_heatmap_draws_at_most_64_by_64_and_says_which_part():
    figures = pytest.importorskip("graders.figures")
    pytest.importorskip("matplotlib")
    expected = np.zeros((1000, 1000))
    got = expected.copy()
    got[500, 3] = 1.0
    fig = figures.array_heatmaps("out", expected, got)
    try:
        assert all(image.get_array().shape == (64, 64) for ax in fig.axes for image in ax.get_images())
        assert "rows 468-531, columns 0-63 of 1000×1000 (around the worst element) shown" in fig._suptitle.get_text()
    finally:
        figures.pyplot().close(fig)
    fig = figures.array_heatmaps("out", expected[:5, :7], got[:5, :7] + 1)
    try:
        assert all(image.get_array().shape == (5, 7) for ax in fig.axes for image in ax.get_images())
        assert "shown" not in fig._suptitle.get_text()
    finally:
        figures.pyplot().close(fig)


def test_a_curve_draws_at_most_2000_points():
    figures = pytest.importorskip("graders.figures")
    pytest.importorskip("matplotlib")
    x = np.arange(1_000_000, dtype=float)
    fig = figures.curves({"loss": {"yours": (x, x)}}, "training")
    try:
        (line,) = fig.axes[0].get_lines()
        assert len(line.get_xdata()) <= 2000 and "every 500th of 1,000,000 points" in line.get_label()
    finally:
        figures.pyplot().close(fig)


def test_describing_a_reply_costs_what_is_shown_not_its_size():
    text = describe([[]] * 2_000_000)
    assert len(text) < 500 and text.endswith("(2000000 items)]"), text[-80:]
    assert len(describe({i: [1.5] * 30 for i in range(20_000)})) < 500
    assert describe("x" * 10**7) == repr("x" * 395)[:395] + " ...]"
