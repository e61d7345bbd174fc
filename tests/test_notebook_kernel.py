"""`%grade` in a real Jupyter kernel: generated notebooks executed with nbclient and ipykernel.

The kernel grades the cells it ran (saved or not), with IPython's syntax compiled as IPython does it, through
the sandboxed worker; it records the score where `grade list` reads it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="pip install 'ml-katas[notebooks]'")
nbclient = pytest.importorskip("nbclient", reason="pip install 'ml-katas[notebooks]'")
pytest.importorskip("ipykernel", reason="pip install 'ml-katas[notebooks]'")

from graders.notebooks import setup_source, write_notebook  # noqa: E402
from tests.conftest import REGISTRY, ROOT  # noqa: E402

KATA = "softmax"  # small and fast
TOTAL = REGISTRY.kata(KATA).max_points
SOLUTION = 3  # the notebook's cells: statement, setup, guide, solution, %grade


def run_notebook(notebook, folder: Path) -> None:
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()


def grading_output(cell) -> dict:
    outputs = cell.outputs
    assert [o.output_type for o in outputs] == ["execute_result"], outputs
    return outputs[0]["data"]


@pytest.fixture
def notebook(tmp_path):
    (tmp_path / "student").mkdir()  # where the kernel records progress (as `grade list` reads it)
    path = write_notebook(REGISTRY.kata(KATA), tmp_path)
    return nbformat.read(str(path), as_version=4)


def test_the_stub_scores_0_and_an_error_names_the_cell_and_line(notebook, tmp_path):
    assert notebook.cells[-1].source == f"%grade {KATA}"
    notebook.cells.append(nbformat.v4.new_code_cell("def softmax(z):\n    return z[10**6]"))
    notebook.cells.append(nbformat.v4.new_code_cell(f"%grade {KATA}"))
    run_notebook(notebook, tmp_path)
    stub = grading_output(notebook.cells[-3])
    assert f"score 0/{TOTAL} (0 %)" in stub["text/plain"] and "not started" in stub["text/plain"]
    assert '<div class="ml-katas">' in stub["text/html"] and f"0/{TOTAL}" in stub["text/html"]
    assert "differs" not in stub["text/plain"]  # the saved notebook is what ran
    broken = grading_output(notebook.cells[-1])["text/plain"]
    assert "raised IndexError" in broken and "In [4]:2: return z[10**6]" in broken, broken
    assert "ml-katas-kernel-" not in broken


def test_a_solution_typed_into_the_cell_scores_100_without_saving(notebook, tmp_path):
    reference = (ROOT / "reference" / f"{KATA}.py").read_text()
    notebook.cells[SOLUTION].source = "%matplotlib inline\nimport numpy as np\n" + reference  # a magic line
    notebook.cells.insert(SOLUTION + 1, nbformat.v4.new_code_cell("probe = softmax(np.zeros((1, 2)))\n1 / 0"))
    notebook.cells.insert(SOLUTION + 2, nbformat.v4.new_code_cell(
        "from graders.notebook import grade\n_ = grade('softmax', record=False)"))  # a grading cell is left out
    run_notebook(notebook, tmp_path)  # the file on disk still holds the stub
    assert notebook.cells[SOLUTION + 1].outputs[0]["ename"] == "ZeroDivisionError"
    text = grading_output(notebook.cells[-1])["text/plain"]
    assert f"score {TOTAL}/{TOTAL} (100 %)" in text, text
    assert "note: In [3] raised ZeroDivisionError when it ran" in text
    assert f"note: the saved {KATA}.ipynb differs from what this kernel ran (code cell 2" in text
    progress = json.loads((tmp_path / "student" / ".ml-katas-progress.json").read_text())
    assert progress["katas"][KATA]["status"] == "done"


def test_a_kernel_without_ml_katas_gets_one_sentence_on_installing_it(tmp_path):
    # -S: no site-packages, so this Python cannot import graders, like a kernel of another environment
    run = subprocess.run([sys.executable, "-I", "-S", "-c", setup_source()], cwd=tmp_path, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout.startswith("This kernel's Python does not have ml-katas: run `%pip install -e ")
    assert run.stdout.count("\n") == 1


class FakeShell:
    """What graders.notebook reads from IPython: the input history, the execution count, the namespace."""

    def __init__(self, cells: list[str]) -> None:
        self.history_manager = type("History", (), {"input_hist_raw": ["", *cells], "input_hist_parsed": ["", *cells]})
        self.execution_count = len(cells) + 1
        self.user_ns: dict = {}


def test_with_cell_ids_an_edited_cell_replaces_its_earlier_runs_and_unsaved_changes_are_named(tmp_path, monkeypatch):
    from graders import notebook

    saved = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("def f(x):\n    return x + 1", id="solution")])
    nbformat.write(saved, str(tmp_path / "toy.ipynb"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(notebook, "LOG", notebook.CellLog({1: {"cell_id": "solution", "error": ""},
                                                           2: {"cell_id": "solution", "error": ""}}))
    shell = FakeShell(["def f(x):\n    return x + 1", "def f(x):\n    return x + 2"])  # edited, run, not saved
    cells = notebook.latest_runs(notebook.executed_cells(shell))
    assert [c.number for c in cells] == [2]
    [note] = notebook.saved_file_notes(shell, "toy", cells)
    assert "the saved toy.ipynb differs from what this kernel ran (code cell 1 has changes that are not saved)" in note
    shell = FakeShell(["def f(x):\n    return x + 2", "def f(x):\n    return x + 1"])  # the saved version ran last
    assert notebook.saved_file_notes(shell, "toy", notebook.latest_runs(notebook.executed_cells(shell))) == []
