"""assert_vectorised counts the student's Python lines: loops fail, however they are hidden; vectorised code passes."""
from __future__ import annotations

import textwrap

import pytest

from graders.plugins import load_registry
from graders.runner import GradeOptions, Runner
from tests.fixtures import toy_vectorised_plugin

SUBMISSIONS = {
    "vectorised": """
        def row_sums(x):
            if len(x) > 50:
                pass  # a branch taken on one size only is within the slack
            return x.sum(axis=1)
    """,
    "loop": """
        import numpy as np
        def row_sums(x):
            out = np.empty(len(x))
            for i in range(len(x)):
                out[i] = x[i].sum()
            return out
    """,
    "comprehension": """
        import numpy as np
        def row_sums(x):
            return np.array([row.sum() for row in x])
    """,
    "np_vectorize_lambda": """
        import numpy as np
        def row_sums(x):
            return np.apply_along_axis(lambda row: row.sum(), 1, x)
    """,
    "exec_loop": """
        import numpy as np
        SOURCE = "out = np.array([float(sum(r)) for r in x])"
        def row_sums(x):
            scope = {"np": np, "x": x}
            exec(compile(SOURCE, "<hidden>", "exec"), scope)
            return scope["out"]
    """,
    "thread_loop": """
        import threading
        import numpy as np
        def row_sums(x):
            out = np.empty(len(x))
            def work():
                for i in range(len(x)):
                    out[i] = x[i].sum()
            t = threading.Thread(target=work)
            t.start()
            t.join()
            return out
    """,
    "tracer_removed": """
        import sys
        import numpy as np
        def row_sums(x):
            sys.settrace(None)
            out = np.empty(len(x))
            for i in range(len(x)):
                out[i] = x[i].sum()
            return out
    """,
}


@pytest.fixture(scope="module")
def kata():
    return load_registry([toy_vectorised_plugin.__file__]).katas["toy_row_sums"]


def grade(kata, tmp_path, name):
    file = tmp_path / "toy_row_sums.py"
    file.write_text(textwrap.dedent(SUBMISSIONS[name]))
    return Runner(GradeOptions(timeout=5.0)).grade([kata], file).katas[0].checks[0]


def test_vectorised_code_passes(kata, tmp_path):
    check = grade(kata, tmp_path, "vectorised")
    assert check.passed, check.message


@pytest.mark.parametrize("name", ["loop", "comprehension", "np_vectorize_lambda", "exec_loop", "thread_loop"])
def test_a_python_loop_over_the_rows_fails_with_the_counts(kata, tmp_path, name):
    check = grade(kata, tmp_path, name)
    assert not check.passed
    assert "lines of Python on 10 rows" in check.message and "on 100 rows" in check.message
    assert "Use x.sum(axis=1)." in check.message


def test_removing_the_line_tracer_fails_the_check(kata, tmp_path):
    check = grade(kata, tmp_path, "tracer_removed")
    assert not check.passed
    assert "sys.settrace" in check.message
