"""The honest neighbours of the cheats the observers catch: each must keep its full marks.

A backward pass that reuses a helper of the forward, or calls the forward once
to recompute its cache; vectorised code that calls NumPy functions written in
Python, or works in a thread it joins; a correct solution that uses the allowed
NumPy functions around a forbidden one. Also the forbidden-function guard's
own contract, in-process: refused by every path while patched, untouched after.
"""
from __future__ import annotations

import gc
import importlib
import textwrap
import types
from pathlib import Path

import numpy as np
import pytest

from graders.plugins import load_registry
from graders.sandbox.observe import ForbiddenFunctions
from tests.fixtures import toy_plugin, toy_vectorised_plugin

HONEST_TOY = """
    import numpy as np


    def _square(x):
        return x * x


    def double(x):
        n = x.shape[1]
        return np.linalg.solve(np.eye(n), 2 * x.T).T  # solve is allowed; only inv is forbidden


    def square_forward(x):
        return _square(x), x


    def square_backward(dout, cache):
        _, x = square_forward(cache)  # the forward once, to recompute its cache
        return 2 * x * dout + 0 * _square(dout)  # and a helper of the forward
"""
HONEST_COUNTER = Path(__file__).parent / "cheats" / "parts" / "toy_counter.py"

HONEST_ROW_SUMS = {
    "numpy_functions_written_in_python": """
        import numpy as np
        def row_sums(x):
            padded = np.pad(x, ((0, 0), (0, 1)))
            return np.einsum("ij->i", padded) + 0 * np.linalg.norm(x, axis=1)
    """,
    "vectorised_in_a_joined_thread": """
        import threading
        def row_sums(x):
            out = {}
            worker = threading.Thread(target=lambda: out.setdefault("sums", x.sum(axis=1)))
            worker.start()
            worker.join()
            return out["sums"]
    """,
}


def grade(runner, kata, file):
    return runner.grade([kata], file).katas[0]


def test_a_backward_that_reuses_the_forward_and_its_helper_keeps_full_marks(fast_runner, tmp_path):
    kata = load_registry([toy_plugin.__file__]).katas["toy_double"]
    file = tmp_path / "toy_double.py"
    file.write_text(textwrap.dedent(HONEST_TOY) + HONEST_COUNTER.read_text())
    result = grade(fast_runner, kata, file)
    assert result.points == result.max_points, [(c.check, c.message) for c in result.checks if not c.passed]


@pytest.mark.parametrize("name", sorted(HONEST_ROW_SUMS))
def test_honest_vectorised_code_passes_the_line_count(fast_runner, tmp_path, name):
    kata = load_registry([toy_vectorised_plugin.__file__]).katas["toy_row_sums"]
    file = tmp_path / "toy_row_sums.py"
    file.write_text(textwrap.dedent(HONEST_ROW_SUMS[name]))
    result = grade(fast_runner, kata, file)
    assert result.points == result.max_points, [c.message for c in result.checks]


class Refused(Exception):
    pass


def _refuser(dotted, reason):
    def refuse(*args, **kwargs):
        raise Refused(dotted)
    return refuse


def _every_path_to_inv():
    implementation = next(o for o in gc.get_objects() if type(o) is types.FunctionType and o.__name__ == "inv"
                          and o.__module__.startswith("numpy.linalg"))
    return {
        "np.linalg.inv": lambda: np.linalg.inv,
        "numpy.linalg._linalg.inv": lambda: importlib.import_module("numpy.linalg._linalg").inv,
        "solve's globals": lambda: np.linalg.solve._implementation.__globals__["inv"],
        "the implementation found by gc": lambda: implementation,
    }


def test_a_forbidden_function_is_refused_by_every_path_and_restored_after():
    guard, eye = ForbiddenFunctions(), np.eye(2)
    original = np.linalg.inv
    undo = guard.patch({"numpy.linalg.inv": "use solve"}, _refuser)
    try:
        for path, reach in _every_path_to_inv().items():
            with pytest.raises(Refused):
                reach()(eye)
                pytest.fail(f"inv reached through {path} was not refused")
        assert np.allclose(np.linalg.solve(eye, eye), eye)  # allowed functions still work
    finally:
        guard.restore(undo)
    assert np.linalg.inv is original
    for path, reach in _every_path_to_inv().items():
        assert np.allclose(reach()(eye), eye), path


def test_a_forbidden_builtin_is_refused_where_another_module_imported_it():
    import math
    import random

    guard = ForbiddenFunctions()
    assert random._sqrt is math.sqrt  # the standard library's own alias of the same C function
    undo = guard.patch({"math.sqrt": "no square roots"}, _refuser)
    try:
        with pytest.raises(Refused):
            random._sqrt(4.0)
    finally:
        guard.restore(undo)
    assert random._sqrt is math.sqrt and math.sqrt(4.0) == 2.0
