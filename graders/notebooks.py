"""Jupyter notebooks: write one for a kata, and grade a notebook submission like a ``.py`` file.

A notebook is graded by extracting its code cells into a Python file in a
temporary folder and grading that file through the normal runner, so it runs
under the same isolation as any submission. Cells tagged ``skip`` are left
out with a note; IPython-only lines (``!shell``, ``%magic``, ``obj?``) are
compiled as IPython does, into ``get_ipython()`` calls that do nothing in the
worker (without IPython installed, such cells are left out with a note).
nbformat is imported only here. Grading in a running kernel: ``graders.notebook``.
"""
from __future__ import annotations

import json

import re
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from graders.kata import Kata
from graders.results import KataResult

SKIP_TAG = "skip"
GRADE_TAG = "ml-katas-grade"  # the generated grading cell: left out silently
NOTEBOOKS_EXTRA = "pip install 'ml-katas[notebooks]'"
_IPYTHON_ONLY = re.compile(r"^\s*[!%]|^\s*[\w.]+\s*=\s*[!%]|^\s*\??[\w.]+\?{1,2}\s*$|get_ipython\(\)")


class NotebookError(ValueError):
    """The notebook could not be read (missing nbformat, not a notebook, malformed JSON)."""


@dataclass
class Extraction:
    """The Python source of a notebook's code cells, and one note per cell left out."""

    source: str
    notes: list[str] = field(default_factory=list)


def _nbformat() -> Any:
    try:
        import nbformat
    except ImportError:
        raise NotebookError(f"notebooks need nbformat, which is not installed: {NOTEBOOKS_EXTRA}") from None
    return nbformat


def extract(path: Path) -> Extraction:
    """The code cells of the notebook ``path`` as one Python source, with a note per cell left out."""
    nbformat = _nbformat()
    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds; one sentence is enough
        raise NotebookError(f"{path} is not a readable Jupyter notebook ({type(exc).__name__}: {exc})") from None
    parts, notes, uses_ipython = [], [], False
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        tags = set(cell.get("metadata", {}).get("tags", []))
        source = cell.get("source", "")
        if GRADE_TAG in tags:
            continue
        if SKIP_TAG in tags:
            notes.append(f"cell {number} is tagged `{SKIP_TAG}`: left out")
            continue
        ipython = [line for line in source.splitlines() if _IPYTHON_ONLY.search(line)]
        if ipython:
            transformed = _as_python(source)
            if transformed is None:
                notes.append(f"cell {number} has an IPython-only line ({ipython[0].strip()[:60]!r}): left out "
                             "(install IPython to grade it with that line made harmless)")
                continue
            source, uses_ipython = transformed, True
        parts.append(f"# --- cell {number} ---\n{source.rstrip()}\n")
    if uses_ipython:
        from graders.notebook import PRELUDE

        parts.insert(0, PRELUDE)
    return Extraction("\n\n".join(parts), notes)


def _as_python(source: str) -> str | None:
    """``source`` as IPython compiles it (``%matplotlib inline`` -> a ``get_ipython()`` call), None without IPython."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:
        return None
    return TransformerManager().transform_cell(source)


def kata_of(notebook: Path) -> str | None:
    """The kata a notebook was written for by ``grade notebook`` (its ``ml_katas`` metadata), if any."""
    try:
        kata = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {}).get("ml_katas", {}).get("kata")
    except (OSError, ValueError, AttributeError):
        return None
    return kata if isinstance(kata, str) and kata.isidentifier() and len(kata) <= 64 else None


def materialize(notebook: Path, kata_id: str, folder: Path) -> tuple[Path, list[str]]:
    """Write the notebook's code as ``folder/<kata_id>.py``; return that path and the notes."""
    extraction = extract(notebook)
    target = Path(folder) / f"{kata_id}.py"
    target.write_text(extraction.source, encoding="utf-8")
    return target, extraction.notes


@contextmanager
def notebook_as_file(notebook: Path, kata_id: str) -> Iterator[tuple[Path, list[str]]]:
    """``materialize`` into a temporary folder that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="ml-katas-notebook-") as folder:
        yield materialize(notebook, kata_id, Path(folder))


def relabel(result: KataResult, file: Path, notebook: Path) -> None:
    """Name the notebook, not the temporary file its code was graded from, in a kata's result."""
    from graders.runner import shown_path

    label = f"{shown_path(notebook)} (code cells)"
    names = sorted({str(file), str(file.resolve()), shown_path(file)}, key=len, reverse=True)
    result.file = label
    result.problem = _replace_all(result.problem, names, label)
    for check in result.checks:
        check.message = _replace_all(check.message, names, label)


def _replace_all(text: str, names: Iterable[str], label: str) -> str:
    for name in names:
        text = text.replace(name, label)
    return text


# -- writing a notebook for a kata --------------------------------------------------------------


def make_notebook(kata: Kata, file_name: str) -> Any:
    """A notebook for ``kata``: the statement, the stub to fill in, and a last cell that grades it."""
    nbformat = _nbformat()
    readme = kata.file("README.md")
    statement = readme.read_text(encoding="utf-8") if readme else f"# {kata.title}"
    stub = kata.stub_path.read_text(encoding="utf-8") if kata.stub_path and kata.stub_path.is_file() else \
        "\n\n".join(f"def {name}(*args, **kwargs):\n    raise NotImplementedError" for name in kata.api)
    guide = (f"## Your code\n\nFill in the cell below (add cells if you like) and run it.\n\n## Grading\n\n"
             f"Run the last cell (`%grade {kata.id}`): it grades the code this kernel has run, saved or not, in a "
             "separate sandboxed process. `grade --kata "
             f"{kata.id} --submission {file_name}` grades the notebook as saved.")
    setup_cell = nbformat.v4.new_code_cell(setup_source(), metadata={"tags": [GRADE_TAG]})
    grade_cell = nbformat.v4.new_code_cell(f"%grade {kata.id}", metadata={"tags": [GRADE_TAG]})
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(statement),
        setup_cell,
        nbformat.v4.new_markdown_cell(guide),
        nbformat.v4.new_code_cell(stub.rstrip() + "\n", metadata={"tags": ["solution"]}),
        grade_cell,
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["ml_katas"] = {"kata": kata.id}
    return notebook


def setup_source() -> str:
    """The notebook's first code cell: makes `%grade` available, or says in one sentence how to install ml-katas."""
    from graders.notebook import install_sentence

    return ("# Makes `%grade` available in this kernel (run it first).\n"
            "try:\n"
            "    import graders.notebook\n"
            "except ModuleNotFoundError:\n"
            f"    print({install_sentence()!r})\n")


def write_notebook(kata: Kata, folder: Path) -> Path:
    """Write ``folder/<kata id>.ipynb`` and return its path."""
    nbformat = _nbformat()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kata.id}.ipynb"
    nbformat.write(make_notebook(kata, path.name), str(path))
    return path


def grade_notebook(path: str | Path, kata: str, plugins: Iterable[str] = (), isolation: str = "auto") -> float:
    """Grade the saved notebook ``path`` on ``kata`` and print the feedback (for the notebook's last cell).

    Returns the score, from 0 to 1."""
    import os

    from graders.plugins import load_registry
    from graders.reporters.terminal import format_kata
    from graders.runner import GradeOptions, Runner

    registry = load_registry(tuple(plugins))
    notebook = Path(path)
    with notebook_as_file(notebook, kata) as (file, notes):
        for note in notes:
            print(f"note: {note}")
        result = Runner(GradeOptions(isolation=isolation)).grade([registry.kata(kata)], file).katas[0]
        relabel(result, file, notebook)
    print(format_kata(result, color=not os.environ.get("NO_COLOR")))
    sys.stdout.flush()
    return result.score
