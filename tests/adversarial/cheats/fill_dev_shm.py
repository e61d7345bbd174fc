"""Write into /dev/shm, / and /dev (tmpfs mounts with no size of their own) until something refuses."""
import os

import numpy as np


def _fill():
    written = 0
    for i in range(1024):
        try:
            with open(f"/dev/shm/fill-__MARKER__-{i}", "wb") as f:
                f.write(b"\1" * (1 << 20))
            written += 1
        except OSError:
            break
    states = []
    for folder in ("/", "/dev/"):
        try:
            with open(f"{folder}pwned-__MARKER__", "w") as f:
                f.write("writable")
            states.append("writable")
        except OSError:
            states.append("read-only")
    return written, states


def double(x):
    written, (root, dev) = _fill()
    raise ValueError(f"wrote {written} MiB into /dev/shm; / is {root}; /dev is {dev}")


# __PART__ zeros_rest.py  (the rest of the kata, zeros: cheats/parts/zeros_rest.py)
