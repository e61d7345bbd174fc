"""What detecting arguments changed in place costs per call, printed as figures.

Run by hand: ``python bench/bench_inplace.py``. After every call the worker
compares each argument with what was sent (``graders/sandbox/inplace.py``).
This prints that comparison's cost on the arguments of typical calls, beside
the round trip of a call through the worker boundary that moves the same
arguments, so the share it adds is visible.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_observers import loaded, median_us  # noqa: E402
from graders.sandbox import resolve_isolation, wire  # noqa: E402
from graders.sandbox.inplace import changed_arguments  # noqa: E402

rng = np.random.default_rng(0)
CASES = {
    "relu(z), z 4x8": (rng.normal(size=(4, 8)),),
    "lstm step: 6 arrays, N=16 D=32 H=64": (rng.normal(size=(16, 32)), rng.normal(size=(16, 64)),
                                            rng.normal(size=(16, 64)), rng.normal(size=(32, 256)),
                                            rng.normal(size=(64, 256)), rng.normal(size=256)),
    "adam step: w, dw 1000, state dict": (rng.normal(size=1000), rng.normal(size=1000),
                                          {"m": rng.normal(size=1000), "v": rng.random(1000), "t": 3}),
    "params dict: 8 layers of 256x256": ({f"layer{i}.weight": rng.normal(size=(256, 256)) for i in range(8)},),
    "one 1000x1000 array (8 MB)": (rng.normal(size=(1000, 1000)),),
}


def comparison_us(args: tuple, repeats: int = 200) -> float:
    """Median microseconds of changed_arguments on ``args`` as the worker sees them (nothing changed)."""
    buffers: list[bytes] = []
    sent = wire.encode(list(args), buffers)
    message, views = wire.unpack(wire.pack({"a": sent}, buffers)[4:])
    received = wire.decode(message["a"], views, lambda ref: ref)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        changed_arguments(message["a"], received, {"$dict": []}, {}, views, [])
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e6


def main() -> None:
    isolation = resolve_isolation("auto")
    with tempfile.TemporaryDirectory() as tmp:
        sandbox, sub = loaded(tmp, isolation, "bench", "def ignore(*args):\n    return None\n")
        print(f"isolation: {isolation}")
        print(f"{'arguments':<40}{'comparison us':>14}{'round trip us':>15}{'share':>8}")
        for name, args in CASES.items():
            compare, trip = comparison_us(args), median_us(lambda: sub.ignore(*args), 100)  # a call returning None
            print(f"{name:<40}{compare:>14.1f}{trip:>15.1f}{100 * compare / trip:>7.1f}%")
        sandbox.close()


if __name__ == "__main__":
    main()
