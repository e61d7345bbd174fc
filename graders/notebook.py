"""Grading inside a Jupyter kernel: the code the kernel ran, not the notebook as saved.

``from graders.notebook import grade; grade("lstm")``, or ``%grade lstm`` (the
magic is registered when this module is imported in IPython, or with
``%load_ext graders.notebook``). The cells this kernel executed, in the order
it executed them and as IPython transformed them (``%matplotlib inline``
becomes a ``get_ipython()`` call, which does nothing in the worker), are
written as one module and graded through the normal runner, so the learner's
code runs in the sandboxed worker exactly as a ``.py`` submission does. The
kernel itself runs no check. The report is shown as HTML in a notebook and as
text elsewhere, and the score is recorded in the progress file ``grade list``
reads. ``grade --kata K --submission K.ipynb`` still grades the saved file.
"""
from __future__ import annotations

import ast
import html
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from graders.results import KataResult

GRADING_LINE = re.compile(r"^\s*(%+grade\b|%load_ext\s+graders\.notebook|(from\s+graders\.notebook\s+import|"
                          r"import\s+graders\.notebook)\b|grade\(|get_ipython\(\)\.run_line_magic\('(grade|load_ext)')")

# Runs before the cells in the worker: what a cell may use from IPython, made harmless there. No loop, no
# function of the learner's API: static checks of the file (loops, names) see only the learner's cells.
PRELUDE = '''\
# The cells a Jupyter kernel ran, in the order it ran them (written by graders.notebook).
import sys as _ml_katas_sys
import types as _ml_katas_types


class _NoShell:
    """get_ipython() in the grading worker: magics and shell commands do nothing here."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def get_ipython():
    return _NoShell()


def display(*objects, **kwargs):
    pass


_ml_katas_fake = _ml_katas_types.ModuleType("graders.notebook")  # a grading line replayed here does nothing
_ml_katas_fake.grade = _ml_katas_fake.load_ipython_extension = lambda *args, **kwargs: None
_ml_katas_sys.modules.setdefault("graders", _ml_katas_types.ModuleType("graders")).notebook = _ml_katas_fake
_ml_katas_sys.modules.setdefault("graders.notebook", _ml_katas_fake)


_ml_katas_failed = set()  # cells whose statements stopped at an error: the rest of such a cell does not run


def _ml_katas_run(number, source, line):
    """Run one statement of cell ``number`` (written at ``line`` of it) as the kernel did: after an error the
    rest of that cell is skipped and the next cell runs."""
    if number in _ml_katas_failed:
        return
    try:
        exec(compile("\\n" * (line - 1) + source, f"In [{number}]", "exec"), globals())
    except Exception as exc:
        if type(exc).__name__ in ("ForbiddenImport", "ForbiddenCall"):
            raise
        _ml_katas_failed.add(number)


'''


@dataclass
class RanCell:
    """One execution of a cell: its number (``In [n]``), its source as typed and as IPython transformed it."""

    number: int
    raw: str
    code: str
    cell_id: str | None = None
    error: str = ""  # the exception's class name when it raised in the kernel ("" when unknown or none)


@dataclass
class CellLog:
    """What this module saw the kernel run since it was imported: cell ids and the cells that raised."""

    runs: dict[int, dict[str, Any]] = field(default_factory=dict)

    def post_run_cell(self, result: Any) -> None:
        info = getattr(result, "info", None)
        number = getattr(result, "execution_count", None)
        if number is None:
            return
        error = result.error_before_exec or result.error_in_exec
        self.runs[number] = {"cell_id": getattr(info, "cell_id", None), "error": type(error).__name__ if error else ""}


LOG = CellLog()


def executed_cells(shell: Any) -> list[RanCell]:
    """The cells ``shell`` ran before the current one, in order, leaving out cells that only grade."""
    history = shell.history_manager
    parsed, raw = history.input_hist_parsed, history.input_hist_raw
    cells = []
    for number in range(1, min(len(parsed), shell.execution_count)):
        code, typed = parsed[number], raw[number] if number < len(raw) else parsed[number]
        lines = [line for line in typed.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if not lines or all(GRADING_LINE.match(line) for line in lines):
            continue
        run = LOG.runs.get(number, {})
        cells.append(RanCell(number, typed, code, run.get("cell_id"), run.get("error", "")))
    return cells


def latest_runs(cells: list[RanCell]) -> list[RanCell]:
    """Each cell's last run only, where cell ids are known (an edited cell replaces its earlier versions)."""
    last = {c.cell_id: c.number for c in cells if c.cell_id}
    return [c for c in cells if not c.cell_id or last[c.cell_id] == c.number]


@dataclass
class KernelModule:
    """The module that replays a kernel's cells, and where each of its lines came from."""

    source: str
    lines: dict[int, tuple[int, int]]  # line of the module -> (cell number, line in that cell)


LITERAL = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)


def cell_statements(cell: RanCell) -> list[tuple[int, str]]:
    """The lines of the module for ``cell``, each with its line in the cell: definitions and imports as
    written, every other statement run through ``_ml_katas_run`` (its error ends the cell, as in the kernel)."""
    lines = cell.code.splitlines()
    try:
        tree = ast.parse(cell.code)
    except SyntaxError:
        return [(1, f"_ml_katas_run({cell.number}, {cell.code!r}, 1)")]
    out: list[tuple[int, str]] = []
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        whole_lines = node.col_offset == 0 and node.end_col_offset == len(lines[node.end_lineno - 1])
        if isinstance(node, LITERAL) and whole_lines:
            out += [(first + i, text) for i, text in enumerate(lines[first - 1:node.end_lineno])]
        else:
            segment = ast.get_source_segment(cell.code, node) or ""
            out.append((node.lineno, f"_ml_katas_run({cell.number}, {segment!r}, {node.lineno})"))
    return out


def module_source(cells: Iterable[RanCell]) -> KernelModule:
    """One Python module that replays ``cells`` in order, each as IPython compiled it: definitions and imports
    written as they are (static checks read the learner's code), other statements run so that an error ends
    its cell and the next cell runs, as in the kernel, even when it happens only in the worker (a missing file)."""
    parts, lines = [PRELUDE], {}
    line = PRELUDE.count("\n")
    for cell in cells:
        parts.append(f"# In [{cell.number}]\n")
        line += 1
        for cell_line, text in cell_statements(cell):
            parts.append(text + "\n")
            line += 1
            lines[line] = (cell.number, cell_line)
        parts.append("\n")
        line += 1
    return KernelModule("".join(parts), lines)


@dataclass
class NotebookGrade:
    """What ``grade`` returns: the kata's result and notes; shown as HTML in a notebook, as text elsewhere."""

    result: KataResult
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return self.result.score

    def text(self) -> str:
        from graders.reporters.terminal import format_kata

        return "\n".join([*(f"note: {n}" for n in self.notes), format_kata(self.result)])

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())

    def _repr_html_(self) -> str:
        from graders.html_report import ReportBuilder

        notes = "".join(f'<p class="note">note: {html.escape(n)}</p>' for n in self.notes)
        return f'<div class="ml-katas"><style>{scoped_style()}</style>{notes}{ReportBuilder()._kata_html(self.result)}</div>'


def scoped_style() -> str:
    """The HTML report's style, limited to the report's own ``div`` (a notebook's page is not restyled)."""
    from graders.html_report import STYLE

    def scope(match: re.Match) -> str:
        selectors = [s.strip() for s in match[1].split(",")]
        return ", ".join(".ml-katas" if s == "body" else f".ml-katas {s}" for s in selectors) + " {"

    return re.sub(r"([^{}]+)\{", scope, STYLE)


def grade(kata: str, plugins: Iterable[str] = (), isolation: str = "auto", record: bool = True) -> NotebookGrade:
    """Grade what this kernel has run for ``kata``; show the result (HTML in a notebook) and return it.

    Outside IPython there is no kernel history: grade the saved file with ``grade --submission`` instead.
    """
    shell = _shell()
    if shell is None:
        raise RuntimeError("graders.notebook.grade grades the cells an IPython or Jupyter kernel has run; "
                           f"outside one, grade a file: `grade --kata {kata} --submission FILE`")
    from graders.plugins import load_registry
    from graders.runner import GradeOptions, Runner

    start = time.perf_counter()
    kata_obj = load_registry(tuple(plugins)).kata(kata)
    cells = latest_runs(executed_cells(shell))
    notes = [f"In [{c.number}] raised {c.error} when it ran; it is replayed as it ran, up to its error"
             for c in cells if c.error]
    if not cells:
        notes.append(f"this kernel has run no cell yet: run the cells with your code, then `%grade {kata}`")
    notes += saved_file_notes(shell, kata, cells)
    result = _grade_cells(Runner(GradeOptions(isolation=isolation)), kata_obj, cells)
    if record:
        _record(result)
    return NotebookGrade(result, notes, time.perf_counter() - start)


def _grade_cells(runner: Any, kata: Any, cells: list[RanCell]) -> KataResult:
    with tempfile.TemporaryDirectory(prefix="ml-katas-kernel-") as folder:
        file = Path(folder) / f"{kata.id}.py"
        module = module_source(cells)
        file.write_text(module.source, encoding="utf-8")
        result = runner.grade([kata], file).katas[0]
        _relabel(result, file, module)
    return result


def _relabel(result: KataResult, file: Path, module: KernelModule) -> None:
    """Name cells (``In [3]:2:``), not the temporary module, in the result's messages."""
    from graders.notebooks import relabel
    from graders.runner import shown_path

    names = "|".join(re.escape(n) for n in sorted({str(file), str(file.resolve()), shown_path(file)}, key=len,
                                                   reverse=True))

    def cell_line(match: re.Match) -> str:
        cell, line = module.lines.get(int(match[1]), (None, None))
        return f"In [{cell}]:{line}:" if cell is not None else match[0]

    pattern = re.compile(rf"(?:{names}):(\d+):")
    result.problem = pattern.sub(cell_line, result.problem)
    for check in result.checks:
        check.message = pattern.sub(cell_line, check.message)
    relabel(result, file, Path("this kernel"))
    result.file = "the cells this kernel ran"


def _record(result: KataResult) -> None:
    """Remember the score where `grade list` looks (``student/`` here, else the project's)."""
    from graders.cli import default_submission
    from graders.progress import load_progress

    folder = default_submission()
    if folder.is_dir():
        progress = load_progress(folder)
        progress.record(result, folder / f"{result.kata}.py")
        progress.save()


# -- the saved notebook --------------------------------------------------------------------------------------


def notebook_path(shell: Any, kata: str) -> Path | None:
    """The notebook this kernel runs, where the front end says so (Jupyter, VS Code), else ``<kata>.ipynb`` here."""
    for candidate in (os.environ.get("JPY_SESSION_NAME"), shell.user_ns.get("__vsc_ipynb_file__"), f"{kata}.ipynb"):
        if candidate and str(candidate).endswith(".ipynb") and Path(candidate).is_file():
            return Path(candidate)
    return None


def saved_file_notes(shell: Any, kata: str, cells: list[RanCell]) -> list[str]:
    """A note when the saved notebook differs from what the kernel last ran (an unsaved edit, a cell not run)."""
    path = notebook_path(shell, kata)
    if path is None:
        return []
    try:
        saved = [c for c in json.loads(path.read_text(encoding="utf-8")).get("cells", [])
                 if c.get("cell_type") == "code"]
    except (OSError, ValueError, AttributeError):
        return []
    last_run = {c.cell_id: c.raw for c in cells if c.cell_id}
    ran = {c.raw.strip() for c in cells}
    for position, cell in enumerate(saved, start=1):
        source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else str(cell.get("source", ""))
        lines = [line for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if not lines or all(GRADING_LINE.match(line) for line in lines):
            continue
        known = last_run.get(cell.get("id"))
        differs = source.strip() != known.strip() if known is not None else source.strip() not in ran
        if differs:
            return [f"the saved {path.name} differs from what this kernel ran (code cell {position}"
                    f"{' as saved is not what ran' if known is None else ' has changes that are not saved'}): this grade is "
                    f"of what ran; save the notebook before `grade --kata {kata} --submission {path.name}`"]
    return []


# -- IPython ---------------------------------------------------------------------------------------------------


def _shell() -> Any:
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def grade_magic(line: str) -> NotebookGrade | None:
    """``%grade KATA``: grade what this kernel ran for KATA."""
    kata = line.strip()
    if not kata:
        print("usage: %grade KATA (for example %grade lstm)")
        return None
    try:
        return grade(kata)
    except KeyError as exc:
        print(exc.args[0])
        return None


def load_ipython_extension(shell: Any) -> None:
    """Register ``%grade`` and start noting which cells raise (``%load_ext graders.notebook``)."""
    shell.register_magic_function(grade_magic, "line", "grade")
    if LOG.post_run_cell not in shell.events.callbacks.get("post_run_cell", []):
        shell.events.register("post_run_cell", LOG.post_run_cell)


def install_sentence(project: Path | None = None) -> str:
    """The one sentence a kernel without ml-katas shows: how to install it into that kernel's environment."""
    root = project or Path(__file__).resolve().parent.parent
    target = f"-e '{root}'" if (root / "pyproject.toml").is_file() else "ml-katas"
    return (f"This kernel's Python does not have ml-katas: run `%pip install {target}` in a cell, then restart "
            "the kernel (Kernel > Restart) and run the cells again.")


if _shell() is not None:  # imported inside IPython: %grade is there without %load_ext
    load_ipython_extension(_shell())
