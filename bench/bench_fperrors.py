"""What watching floating-point errors costs per call, printed as figures.

Run by hand: ``python bench/bench_fperrors.py``. Every call the worker runs is
wrapped in ``FloatingPointWatch`` (``graders/sandbox/fperrors.py``), which
sends NumPy's divide, overflow and invalid warnings to a callback that records
where they first happened. This prints the watch's cost on a call that raises
no error (entering and leaving ``np.errstate``), on one whose every NumPy
operation raises (the callback runs each time), and the round trip of a small
call through the worker, so the share it adds is visible.
"""
from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_observers import loaded, median_us  # noqa: E402
from graders.sandbox import resolve_isolation  # noqa: E402
from graders.sandbox.fperrors import FloatingPointWatch  # noqa: E402

X = np.random.default_rng(0).normal(size=(4, 8))
REPEATS = 2000  # calls per median


def relu() -> np.ndarray:
    return np.maximum(X, 0.0)


def erring() -> np.ndarray:
    """Ten NumPy operations that each overflow (the callback runs ten times)."""
    out = X
    for _ in range(10):
        out = np.exp(np.full(4, 1000.0))
    return out


def watched(func):
    def run() -> None:
        with FloatingPointWatch(lambda filename: False):
            func()
    return run


def main() -> None:
    warnings.simplefilter("ignore")
    print(f"{'call':<44}{'bare us':>10}{'watched us':>12}{'added us':>10}")
    for name, func in [("relu on 4x8 (no error)", relu), ("10 overflowing exp calls", erring)]:
        bare, watch = median_us(func, REPEATS), median_us(watched(func), REPEATS)
        print(f"{name:<44}{bare:>10.1f}{watch:>12.1f}{watch - bare:>10.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        sandbox, sub = loaded(tmp, resolve_isolation("auto"), "bench",
                              "import numpy as np\n\ndef relu(z):\n    return np.maximum(z, 0.0)\n")
        trip = median_us(lambda: sub.relu(X), 300)
        sandbox.close()
    added = median_us(watched(relu), REPEATS) - median_us(relu, REPEATS)
    print(f"round trip of relu(4x8) through the worker (watch included): {trip:.0f} us; "
          f"the watch is {100 * added / trip:.1f} % of it")


if __name__ == "__main__":
    main()
