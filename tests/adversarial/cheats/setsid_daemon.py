"""A daemon: double fork and setsid, so it leaves the worker's session and tries to outlive grading."""
import os
import sys

import numpy as np

MARKER = "__MARKER__"


def _daemonize():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv(sys.executable, [sys.executable, "-c", "import time\nwhile True: time.sleep(1)", MARKER])
        os._exit(0)


_daemonize()


def double(x):
    _daemonize()
    return np.zeros_like(x)


# __PART__ zeros_rest.py  (the rest of the kata, zeros: cheats/parts/zeros_rest.py)
