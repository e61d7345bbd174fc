"""Notebooks: extraction of code cells, a generated notebook round-tripped to 100 %, in-notebook grading."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install 'ml-katas[notebooks]')")

from graders.notebooks import GRADE_TAG, extract  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

KATA = "softmax"  # small and fast: 100 % on the reference in about a second


def grade(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "grade.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def write(path: Path, *cells) -> Path:
    nbformat.write(nbformat.v4.new_notebook(cells=list(cells)), str(path))
    return path


def test_code_cells_are_extracted_with_ipython_lines_compiled_and_skipped_cells_left_out_with_a_note(tmp_path):
    pytest.importorskip("IPython")
    path = write(
        tmp_path / "work.ipynb",
        nbformat.v4.new_markdown_cell("# not code"),
        nbformat.v4.new_code_cell("import numpy as np\n\ndef f(x):\n    return x + 1"),
        nbformat.v4.new_code_cell("!pip install something"),
        nbformat.v4.new_code_cell("%timeit f(1)"),
        nbformat.v4.new_code_cell("files = !ls"),
        nbformat.v4.new_code_cell("f?"),
        nbformat.v4.new_code_cell("print(f(1))  # shows off", metadata={"tags": ["skip"]}),
        nbformat.v4.new_code_cell("from graders.notebooks import grade_notebook", metadata={"tags": [GRADE_TAG]}),
        nbformat.v4.new_code_cell("y = 100 % 7  # a modulo is not a magic\nz = 1 != 2"),
    )
    extraction = extract(path)
    assert "def f(x):" in extraction.source and "y = 100 % 7" in extraction.source
    assert "get_ipython().system('pip install something')" in extraction.source  # a no-op in the worker
    assert "run_line_magic('timeit', 'f(1)')" in extraction.source and "print(f(1))" not in extraction.source
    assert "grade_notebook" not in extraction.source
    assert [note.split(" ")[1] for note in extraction.notes] == ["7"]
    assert "tagged `skip`" in extraction.notes[-1]
    compile(extract(path).source, "work.py", "exec")


def test_generated_notebook_filled_with_the_reference_grades_100(tmp_path):
    run = grade("notebook", KATA, "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    path = tmp_path / f"{KATA}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "code", "markdown", "code", "code"]
    assert notebook.cells[0].source == (ROOT / "katas" / KATA / "README.md").read_text()
    assert "raise NotImplementedError" in notebook.cells[3].source
    assert GRADE_TAG in notebook.cells[1].metadata["tags"] and GRADE_TAG in notebook.cells[4].metadata["tags"]

    stub = grade("--kata", KATA, "--submission", str(path))
    assert stub.returncode == 1 and "not started" in stub.stdout

    notebook.cells[3].source = "%matplotlib inline\n" + (ROOT / "reference" / f"{KATA}.py").read_text()
    nbformat.write(notebook, str(path))
    run = grade("--kata", KATA, "--submission", str(path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"score (\d+)/\1 \(100 %\)", run.stdout) and f"{KATA}.ipynb (code cells)" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_errors_name_the_notebook_not_a_temporary_file(tmp_path):
    path = write(tmp_path / "broken.ipynb", nbformat.v4.new_code_cell("def softmax(z):\n    return z +"))
    run = grade("--kata", KATA, "--submission", str(path))
    assert run.returncode == 1
    assert "broken.ipynb (code cells) has a syntax error" in run.stdout
    assert "ml-katas-notebook-" not in run.stdout


def test_a_file_that_is_not_a_notebook_is_a_usage_error(tmp_path):
    path = tmp_path / "fake.ipynb"
    path.write_text("{not json")
    run = grade("--kata", KATA, "--submission", str(path))
    assert run.returncode == 2 and "is not a readable Jupyter notebook" in run.stderr
    assert "Traceback" not in run.stderr
