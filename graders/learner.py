"""The learner's commands: show a kata, reveal hints, list katas with their status, pick the next one, reset.

Everything here reads the kata's own files (README, hints, the stub, parsed
with ``ast`` and never executed) and the saved progress; grading is the
runner's job.
"""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import click

from graders.kata import Kata
from graders.progress import KataProgress, Progress

BACKUP_FOLDER = ".ml-katas-backups"
_HINT_HEADING = re.compile(r"^##\s+Hint\b.*$", re.MULTILINE)


# -- show ---------------------------------------------------------------------------------


def api_summary(kata: Kata, stub: Path | None = None) -> list[str]:
    """Signature and docstring of each API name, read from the stub (or ``stub``) without running it."""
    path = stub or kata.stub_path
    try:
        tree = ast.parse(path.read_text(encoding="utf-8")) if path else None
    except (OSError, SyntaxError):
        tree = None
    nodes = {n.name: n for n in (tree.body if tree else []) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    lines: list[str] = []
    for name in kata.api:
        node = nodes.get(name)
        if node is None:
            lines.append(f"  {name}  (see the statement)")
        elif isinstance(node, ast.FunctionDef):
            lines.extend(_describe_function(node, "  "))
        else:
            lines.append(f"  class {node.name}")
            lines.extend(_docstring_lines(node, "      "))
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (not item.name.startswith("_") or item.name == "__init__"):
                    lines.extend(_describe_function(item, "    "))
        lines.append("")
    return lines


def _describe_function(node: ast.FunctionDef, indent: str) -> list[str]:
    args = ast.unparse(node.args)
    if args.startswith("self, ") or args == "self":
        args = args[len("self, "):] if args != "self" else ""
    return [f"{indent}{node.name}({args})", *_docstring_lines(node, indent + "    ")]


def _docstring_lines(node: ast.AST, indent: str) -> list[str]:
    doc = ast.get_docstring(node) or ""
    return [f"{indent}{line}".rstrip() for line in doc.splitlines()]


def format_show(kata: Kata, standing: str, submission_file: Path,
                prerequisites: dict[str, str] | None = None) -> str:
    """The statement, the API with shapes, what the kata builds on and the learner's standing.

    ``prerequisites`` maps each kata it builds on to the learner's standing there, shown after its id."""
    readme = kata.file("README.md")
    statement = readme.read_text(encoding="utf-8").rstrip() if readme else f"# {kata.title}\n\n(no statement)"
    prerequisites = prerequisites or {}
    after = ", ".join(f"{dep} ({prerequisites[dep]})" if dep in prerequisites else dep for dep in kata.builds_on) \
        if kata.builds_on else "nothing: a good place to start"
    head = [
        f"{kata.id}: {kata.title}",
        f"topic: {kata.topic}   difficulty: {'*' * kata.difficulty}   builds on: {after}",
        f"your file: {submission_file}   {standing}",
        "",
    ]
    api = [f"API (signatures and shapes from {_shown(kata.stub_path)})", "", *api_summary(kata)]
    tail = [f"Grade with `grade --kata {kata.id}`; stuck? `grade hint {kata.id}`."]
    return "\n".join(head + [statement, ""] + api + tail)


def standing_text(entry: KataProgress, stale: bool) -> str:
    """``score 5/15 (33 %)``, ``not graded yet``..., for one kata's saved progress."""
    if not entry.graded_at:
        return "not graded yet"
    text = f"{entry.status}: score {entry.points:g}/{entry.max_points} ({100 * entry.score:.0f} %)"
    return text + (" (your file changed since: grade again)" if stale else "")


# -- hints --------------------------------------------------------------------------------


def read_hints(kata: Kata) -> list[str]:
    """The kata's hints, gentlest first: one per ``## Hint N`` section of hints.md."""
    path = kata.file("hints.md")
    if not path:
        return []
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in _HINT_HEADING.finditer(text)]
    return [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])]


def reveal_hints(kata: Kata, progress: Progress, show_all: bool = False) -> str:
    """The next hint (or all of them), remembering in ``progress`` how many were shown."""
    hints = read_hints(kata)
    if not hints:
        return f"{kata.id} has no hints yet."
    entry = progress.entry(kata.id)
    if show_all:
        entry.hints_shown = len(hints)
        return "\n\n".join(hints)
    if entry.hints_shown >= len(hints):
        return (f"{hints[-1]}\n\n(that was the last of {len(hints)} hints; "
                f"`grade hint {kata.id} --all` shows them all again)")
    entry.hints_shown += 1
    shown = hints[entry.hints_shown - 1]
    left = len(hints) - entry.hints_shown
    more = f"{left} more: run `grade hint {kata.id}` again." if left else "That was the last hint."
    return f"{shown}\n\n(hint {entry.hints_shown} of {len(hints)}; {more})"


# -- list and next ------------------------------------------------------------------------


@dataclass
class Standing:
    """A kata's status in the list: ``status`` is "done", "in progress" or "not started"."""

    status: str = "not started"
    points: float = 0.0
    max_points: int = 0
    stale: bool = False

    @property
    def label(self) -> str:
        if self.status == "not started":
            return "not started"
        pct = f"{100 * self.points / self.max_points:.0f} %" if self.max_points else "0 %"
        return f"{self.status} {pct}" + (" *" if self.stale else "")


def standings(katas: Iterable[Kata], progress: Progress, folder: Path | None) -> dict[str, Standing]:
    """Each kata's standing from the saved progress (``*`` marks a file changed since it was graded)."""
    out = {}
    for kata in katas:
        entry = progress.get(kata.id)
        stale = bool(folder) and progress.is_stale(kata.id, folder / f"{kata.id}.py")
        out[kata.id] = Standing(entry.status, entry.points, entry.max_points, stale)
    return out


STATUS_COLOURS = {"done": "green", "in progress": "yellow", "not started": None}


def format_list(katas: list[Kata], standing: dict[str, Standing], color: bool = False) -> str:
    """Every kata in learning order with difficulty, topic and status, and a one-line total."""
    width = max((len(k.id) for k in katas), default=4)
    lines = []
    for kata in katas:
        s = standing.get(kata.id, Standing())
        after = f"  (after {', '.join(kata.builds_on)})" if kata.builds_on else ""
        label = s.label
        if color and STATUS_COLOURS.get(s.status):
            label = click.style(label, fg=STATUS_COLOURS[s.status])
        lines.append(f"{kata.id:<{width}}  {'*' * kata.difficulty:<5}  {kata.topic:<24} {kata.title}{after}  {label}")
    counts = {status: sum(standing.get(k.id, Standing()).status == status for k in katas) for status in STATUS_COLOURS}
    lines.append(f"{len(katas)} katas: {counts['done']} done, {counts['in progress']} in progress, "
                 f"{counts['not started']} not started")
    if any(s.stale for s in standing.values()):
        lines.append("* your file changed since it was graded")
    return "\n".join(lines)


def next_kata(katas: list[Kata], progress: Progress, after: str | None = None) -> Kata | None:
    """The first kata in learning order that is not done (after ``after`` when given, wrapping round)."""
    order = list(katas)
    if after is not None and after in [k.id for k in order]:
        i = [k.id for k in order].index(after)
        order = order[i + 1:] + order[:i]
    return next((k for k in order if progress.get(k.id).status != "done"), None)


# -- reset --------------------------------------------------------------------------------


def reset_kata(kata: Kata, folder: Path, progress: Progress) -> Path | None:
    """Restore the stub of ``kata`` in ``folder``, backing up the learner's file; return the backup's path."""
    target = folder / f"{kata.id}.py"
    stub = pristine_stub(kata, target)
    backup = None
    if target.is_file():
        backups = folder / BACKUP_FOLDER
        backups.mkdir(exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup, n = backups / f"{kata.id}-{stamp}.py", 1
        while backup.exists():
            n += 1
            backup = backups / f"{kata.id}-{stamp}-{n}.py"
        shutil.copy2(target, backup)
    target.write_text(stub, encoding="utf-8")
    progress.katas.pop(kata.id, None)
    return backup


def pristine_stub(kata: Kata, target: Path) -> str:
    """The stub's text as shipped: ``katas/<id>/stub.py`` (see ``Kata.stub_path``). For a kata whose only stub
    is the learner's own file, the version git first recorded; raises FileNotFoundError when none can be found."""
    stub = kata.stub_path
    if stub is None or not stub.is_file():
        raise FileNotFoundError(f"the stub of {kata.id} is missing, so there is nothing to restore")
    if not (target.exists() and target.resolve() == stub.resolve()):
        return stub.read_text(encoding="utf-8")
    text = _first_committed_version(stub)
    if text is None:
        raise FileNotFoundError(f"{stub} is both your file and the stub, and git has no earlier version of it: "
                                "copy the stub from a fresh copy of the course instead")
    return text


def _first_committed_version(path: Path) -> str | None:
    """The text of ``path`` in the commit that added it, or None outside git."""
    def git(*args: str) -> str | None:
        try:
            run = subprocess.run(["git", *args], cwd=path.parent, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        return run.stdout if run.returncode == 0 else None

    added = git("log", "--diff-filter=A", "--format=%H", "--", path.name)
    if not added or not added.split():
        return None
    prefix = git("rev-parse", "--show-prefix")
    return git("show", f"{added.split()[-1]}:{(prefix or '').strip()}{path.name}")


def _shown(path: Path | None) -> str:
    if path is None:
        return "the stub"
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path.name
