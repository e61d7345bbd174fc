"""Write a fake 100 % report where the grader will write its own, and drop files around the project."""
import json
import os

import numpy as np

FAKE = {"schema": "ml-katas/report/1", "points": 4, "max_points": 4, "katas": []}
for path in ("__JSON__", "__ROOT__/reference/pwned-__MARKER__", "pwned-__MARKER__", "/tmp/pwned-__MARKER__",
             os.path.expanduser("~/pwned-__MARKER__"), "__CWD__/pwned-__MARKER__"):
    try:
        with open(path, "w") as f:
            json.dump(FAKE, f)
    except OSError:
        pass


def double(x):
    return np.zeros_like(x)


# __PART__ zeros_rest.py  (the rest of the kata, zeros: cheats/parts/zeros_rest.py)
