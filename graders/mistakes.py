"""Known mistakes as data: a sentence, the outputs it breaks, and an edit of the reference.

A kata declares its known mistakes in ``katas/<id>/mistakes.py``::

    from graders import Mistake, replace, replace_function

    MISTAKES = [
        Mistake(
            id="unbiased_variance",
            says="divides the variance by N - 1 instead of N",
            culprits=("out", "running_var"),
            edit=replace("var = x.var(axis=0)", "var = x.var(axis=0, ddof=1)"),
        ),
    ]

The engine builds each mistake's module from the reference's source text and
the edit (``build_source``); ``grade validate`` grades it like any submission
and requires a hidden check to catch it. An edit that no longer applies to the
reference raises ``MistakeError`` naming the kata, the mistake and the snippet.
"""
from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from graders.kata import KataDefinitionError

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class MistakeError(KataDefinitionError):
    """A known mistake cannot be built: its edit no longer applies, or the result is not valid Python."""


def _snippet(text: str, width: int = 70) -> str:
    one_line = " ".join(text.split())
    return repr(one_line if len(one_line) <= width else one_line[: width - 3] + "...")


@dataclass(frozen=True)
class Replace:
    """Replace ``old`` by ``new``; ``old`` must occur exactly ``count`` times."""

    old: str
    new: str
    count: int = 1

    def apply(self, text: str) -> str:
        found = text.count(self.old)
        if found != self.count:
            times = "once" if self.count == 1 else f"{self.count} times"
            raise MistakeError(f"the snippet {_snippet(self.old)} occurs {found} time(s) in the reference, "
                               f"not {times}: the reference changed; update the edit")
        return text.replace(self.old, self.new)


@dataclass(frozen=True)
class ReplaceFunction:
    """Replace the top-level function or class ``name`` by ``source`` (dedented; may add helpers after it)."""

    name: str
    source: str

    def apply(self, text: str) -> str:
        try:
            tree = ast.parse(text)
        except SyntaxError as exc:
            raise MistakeError(f"the module to edit has a syntax error on line {exc.lineno}") from None
        nodes = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                 and n.name == self.name]
        if len(nodes) != 1:
            raise MistakeError(f"the reference defines {len(nodes)} top-level function or class named "
                               f"{self.name!r}, not one: the reference changed; update the edit")
        node = nodes[0]
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        lines = text.splitlines(keepends=True)
        new = textwrap.dedent(self.source).strip("\n") + "\n"
        return "".join(lines[: first - 1]) + new + "".join(lines[node.end_lineno:])


@dataclass(frozen=True)
class WholeModule:
    """The whole module, for a mistake no edit can express (the reference is not used)."""

    source: str

    def apply(self, text: str) -> str:
        return textwrap.dedent(self.source).lstrip("\n")


Edit = Union[Replace, ReplaceFunction, WholeModule]
_EDITS = (Replace, ReplaceFunction, WholeModule)


def replace(old: str, new: str, count: int = 1) -> Replace:
    """An edit: ``old`` (which must occur exactly ``count`` times in the current text) becomes ``new``."""
    if not isinstance(old, str) or not old:
        raise KataDefinitionError("replace(old, new): old must be a non-empty string")
    if not isinstance(new, str) or not isinstance(count, int) or count < 1:
        raise KataDefinitionError("replace(old, new, count): new must be a string and count a positive integer")
    return Replace(old, new, count)


def replace_function(name: str, source: str) -> ReplaceFunction:
    """An edit: the top-level function or class ``name`` becomes ``source`` (dedented; may define helpers after)."""
    if not isinstance(name, str) or not name.isidentifier():
        raise KataDefinitionError(f"replace_function: {name!r} is not a Python name")
    _require_parses(source, f"replace_function({name!r}, ...)")
    defined = [n.name for n in ast.parse(textwrap.dedent(source)).body
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    if name not in defined:
        raise KataDefinitionError(f"replace_function({name!r}, ...): the new source does not define {name!r}")
    return ReplaceFunction(name, source)


def whole_module(source: str) -> WholeModule:
    """The mistake's whole module, only where an edit of the reference cannot express it."""
    _require_parses(source, "whole_module(...)")
    return WholeModule(source)


def _require_parses(source: str, where: str) -> None:
    if not isinstance(source, str):
        raise KataDefinitionError(f"{where}: the source must be a string")
    try:
        ast.parse(textwrap.dedent(source))
    except SyntaxError as exc:
        raise KataDefinitionError(f"{where}: the source has a syntax error on its line {exc.lineno}: {exc.msg}") \
            from None


@dataclass(frozen=True)
class Mistake:
    """A known mistake: ``id``, what it ``says`` (one sentence, the learner's words), its ``culprits``
    (the outputs it breaks, as failure messages name them), and the ``edit`` (one or a tuple, in order).

    A learner must be able to find every known mistake before handing in, so a public check is expected to
    catch it; ``hidden_only`` is the reason, in one sentence, where only a hidden check can (e.g. it needs
    the reference's results on random data that cannot be frozen)."""

    id: str
    says: str
    culprits: tuple[str, ...]
    edit: Edit | tuple[Edit, ...]
    hidden_only: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not isinstance(self.id, str) or not _ID.match(self.id):
            problems.append(f"id {self.id!r} must be a Python name (letters, digits, underscores)")
        if not isinstance(self.says, str) or not self.says.strip():
            problems.append("says must be one sentence")
        culprits = (self.culprits,) if isinstance(self.culprits, str) else tuple(self.culprits)
        if not all(isinstance(c, str) and c for c in culprits):
            problems.append("culprits must be non-empty strings")
        edits = self.edit if isinstance(self.edit, tuple) else (self.edit,)
        if not edits or not all(isinstance(e, _EDITS) for e in edits):
            problems.append("edit must be replace(...), replace_function(...), whole_module(...) or a tuple of them")
        if not isinstance(self.hidden_only, str):
            problems.append("hidden_only must be a sentence saying why no public check can catch it")
        if problems:
            raise KataDefinitionError(f"mistake {self.id!r}: " + "; ".join(problems))
        object.__setattr__(self, "culprits", culprits)
        object.__setattr__(self, "edit", edits)

    @property
    def edits(self) -> tuple[Edit, ...]:
        return self.edit  # type: ignore[return-value]  # a tuple after __post_init__

    def build_source(self, reference_source: str, kata_id: str = "") -> str:
        """The mistake's module: ``reference_source`` with every edit applied; raises ``MistakeError``."""
        text = reference_source
        where = f"kata {kata_id}, mistake {self.id}" if kata_id else f"mistake {self.id}"
        for number, edit in enumerate(self.edits, 1):
            try:
                text = edit.apply(text)
            except MistakeError as exc:
                step = f" (edit {number} of {len(self.edits)})" if len(self.edits) > 1 else ""
                raise MistakeError(f"{where}{step}: {exc}") from None
        try:
            ast.parse(text)
        except SyntaxError as exc:
            raise MistakeError(f"{where}: the edited module has a syntax error on line {exc.lineno}: {exc.msg}") \
                from None
        return text


def load_declared(module: object, kata_id: str) -> list[Mistake]:
    """The ``MISTAKES`` list of a kata's mistakes module, checked: Mistake objects with distinct ids."""
    declared = getattr(module, "MISTAKES", None)
    if not isinstance(declared, (list, tuple)) or not all(isinstance(m, Mistake) for m in declared):
        raise KataDefinitionError(f"kata {kata_id}: mistakes.py must define MISTAKES, a list of Mistake(...)")
    ids = [m.id for m in declared]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise KataDefinitionError(f"kata {kata_id}: two known mistakes are named {twice[0]!r}")
    return list(declared)


def from_mutant_file(path: Path) -> Mistake:
    """An old-style mutant (a complete module with a docstring) as a Mistake with a whole-module edit."""
    source = path.read_text(encoding="utf-8")
    try:
        doc = ast.get_docstring(ast.parse(source)) or ""
    except SyntaxError:
        doc = ""
    says = (doc.strip().splitlines() or [f"the mutant {path.name}"])[0]
    return Mistake(id=path.stem, says=says, culprits=(), edit=WholeModule(source))


def write_modules(mistakes: list[Mistake], reference_source: str, folder: Path, kata_id: str) -> dict[str, Path]:
    """Build every mistake into ``folder/<mistake id>/<kata id>.py``; a mistake that cannot be built is left out.

    Returns mistake id -> file. Use ``Mistake.build_source`` to see why one cannot be built.
    """
    files = {}
    for mistake in mistakes:
        try:
            source = mistake.build_source(reference_source, kata_id)
        except MistakeError:
            continue
        target = folder / mistake.id / f"{kata_id}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
        files[mistake.id] = target
    return files
