"""``grade release OUT_DIR``: build the student edition, the repository a course hands to students.

It holds the engine and the CLI (``graders/``, ``grade.py``), and per kata its
statement, hints, public checks and stub. It leaves out ``reference/``, every
``hidden*`` file of a kata folder, its known mistakes (``mistakes.py``, old
``mutants/``), the project's tests and tools. Frozen values (``@kata.frozen``)
are computed from the reference now and written to ``katas/<id>/frozen.json``,
so public checks that compare with them run without the reference. Likewise
each known mistake's results on the examples where it fails a public check are
written to ``katas/<id>/probes.json``, so the student edition names known
mistakes without their code (see ``graders.replay``).

Before building, ``unfinished`` names every kata not fit to hand out: one
still the scaffold of ``grade new`` (its TODO statement or placeholder
reference), or one whose reference does not score 100 % on its own checks
(graded quickly, a few examples per check; ``grade validate`` is the full proof).
"""
from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import graders
from graders.kata import ELSEWHERE_FILE, FROZEN_FILE, Kata
from graders.replay import PROBES_FILE, freeze_probes
from graders.runner import GradeOptions

MARKER = ".ml-katas-edition"
LEFT_OUT = ("hidden*", "mutants", "__pycache__", "*.pyc", FROZEN_FILE, PROBES_FILE, ".*")
# In a kata folder: its known mistakes (edits of the reference) and the scripts that made its data (make_*.py),
# which may train a model with the very code the learner is asked to write.
KATA_LEFT_OUT = (*LEFT_OUT, "mistakes.py", "make_*.py")
GITIGNORE = "__pycache__/\n*.pyc\n*.egg-info/\n.hypothesis/\n.venv/\n.ml-katas-progress.json\n.ml-katas-backups/\n"

README = """# ml-katas: student edition

```
pip install -e .                    # once, preferably in a virtual environment
python grade.py list                # the katas, in learning order
python grade.py --kata {first}{pad}  # grade student/{first}.py (0 % until you start)
```

Implement the pieces of machine learning from scratch in NumPy and get graded
automatically, with feedback that says what went wrong, on which input, and
where to look.

## How to work

1. Pick a kata: `python grade.py list` shows them in learning order.
2. Read its statement in `katas/<id>/README.md` and open the stub `student/<id>.py`.
3. Replace each `raise NotImplementedError` with your code, then grade it with
   `python grade.py --kata <id>` (`--all` grades every kata, `-x` stops at the
   first failing check).

Hints are in `katas/<id>/hints.md`, gentlest first. Your code runs in a
separate, limited process, never inside the grader.

These are the public checks. Your course grades your submission with more
checks, so passing every public check is a good sign, not yet the final score.

## The katas

| kata | title | difficulty |
|---|---|---|
{rows}
"""


class ReleaseError(Exception):
    """The edition cannot be built; the message is one sentence."""


def project_root() -> Path:
    """The instructor's source tree: the folder holding ``graders/``, ``grade.py`` and ``pyproject.toml``."""
    root = Path(graders.__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file() or not (root / "grade.py").is_file():
        raise ReleaseError(f"grade release needs the instructor's source tree (with grade.py and pyproject.toml); "
                           f"graders is installed in {root}")
    return root


def _prepare(out_dir: Path, root: Path) -> None:
    out = out_dir.resolve()
    if out == root or root.is_relative_to(out):
        raise ReleaseError(f"{out_dir} holds the instructor's tree; choose a new folder for the student edition")
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise ReleaseError(f"{out_dir} is not empty and not a student edition built by grade release; "
                               "choose a new or empty folder")
        for child in out.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def in_tree(kata: Kata, root: Path) -> bool:
    """Whether ``kata`` is one of the tree's own katas (``root/katas/<id>/``), not a plugin from elsewhere."""
    folder = kata.folder
    return folder is not None and folder.resolve() == (root / "katas" / kata.id).resolve()


def _check_releasable(kata: Kata, root: Path) -> None:
    from graders.validate import private_imports

    if not in_tree(kata, root):
        raise ReleaseError(f"kata {kata.id} does not live in {root / 'katas'}; release its own package instead")
    stub = kata.stub_path
    if stub is None or not stub.is_file():
        raise ReleaseError(f"kata {kata.id} has no stub ({stub})")
    leaking = [c.name for c in kata.checks_for(["hidden"]) if c.func.__module__ != f"{kata.package}.hidden"]
    if leaking:
        raise ReleaseError(f"kata {kata.id} defines hidden check {leaking[0]} outside hidden.py, which would ship; "
                           "move it to hidden.py")
    problems = private_imports(kata)
    if problems:
        raise ReleaseError(f"kata {kata.id}: {problems[0]}")


def student_pyproject(text: str) -> str:
    """The project's pyproject.toml without the ``reference`` package."""
    edited = re.sub(r',\s*"reference\*?"|"reference\*?",\s*', "", text)
    if re.search(r"\breference\b", edited):
        raise ReleaseError("pyproject.toml names the reference package in a way grade release cannot remove")
    return edited


def student_readme(katas: list[Kata]) -> str:
    rows = "\n".join(f"| `{k.id}` | {k.title} | {'*' * k.difficulty} |" for k in katas)
    first = katas[0].id
    return README.format(first=first, pad=" " * max(0, 10 - len(first)), rows=rows)


SCAFFOLD_MARKERS = {"README.md": "TODO: the statement", "reference": "Placeholder: 2 * x"}  # graders.scaffold's text
QUICK_EXAMPLES = 3


def _scaffold_left(kata: Kata) -> str:
    readme = kata.folder / "README.md"
    if readme.is_file() and SCAFFOLD_MARKERS["README.md"] in readme.read_text(encoding="utf-8"):
        return "its README.md is still the scaffold's TODO statement"
    reference = kata.reference_path
    if reference is not None and SCAFFOLD_MARKERS["reference"] in reference.read_text(encoding="utf-8"):
        return f"its reference is still the scaffold's placeholder ({reference.name})"
    return ""


def unfinished(katas: list[Kata]) -> list[str]:
    """One sentence per kata not fit to hand out: still the scaffold, no reference, or a reference below 100 %."""
    from graders.runner import GradeOptions, Runner

    problems, by_folder = [], {}
    for kata in katas:
        left = _scaffold_left(kata)
        if left:
            problems.append(f"kata {kata.id} is unfinished: {left}")
        elif kata.reference_path is None:
            problems.append(f"kata {kata.id} is unfinished: its reference {kata.reference_module} cannot be found")
        else:
            by_folder.setdefault(kata.reference_path.parent, []).append(kata)
    runner = Runner(GradeOptions(max_examples=QUICK_EXAMPLES, shrink=False))
    for folder, group in by_folder.items():  # one sandbox per folder of references
        named = [k for k in group if k.reference_path.name == f"{k.id}.py"]
        reports = [runner.grade(named, folder)] if named else []
        reports += [runner.grade([k], k.reference_path) for k in group if k not in named]
        for result in (r for report in reports for r in report.katas):
            if result.score < 1.0:
                failed = [c.title for c in result.checks if not c.passed]
                problems.append(f"kata {result.kata} is unfinished: its reference scores {100 * result.score:.0f} % "
                                f"({result.points:g}/{result.max_points}); it fails {failed[0]!r}"
                                + (f" and {len(failed) - 1} more" if len(failed) > 1 else "")
                                + "; run `grade validate --kata " + result.kata + "`")
    return problems


_FREEZING: tuple[list[Kata], GradeOptions] | None = None  # what the forked processes of freeze_all_probes freeze


def _freeze_one(index: int) -> dict:
    katas, options = _FREEZING
    return freeze_probes(katas[index], options)


def _mistake_count(kata: Kata) -> int:
    try:
        return len(kata.mistakes)
    except Exception:  # noqa: BLE001 - a broken mistakes.py is reported by freeze_probes itself
        return 0


def freeze_all_probes(katas: list[Kata], options: GradeOptions) -> dict[str, dict]:
    """Each kata's probes (``graders.replay.freeze_probes``: every known mistake graded on the public checks),
    by kata id. The katas are shared out, those with the most known mistakes first, among as many processes as
    there are cores, forked so that they inherit the loaded katas; one after the other where the system does
    not fork."""
    global _FREEZING
    workers = min(len(katas), os.cpu_count() or 1)
    if workers < 2 or not sys.platform.startswith("linux"):
        return {k.id: freeze_probes(k, options) for k in katas}
    order = sorted(range(len(katas)), key=lambda i: -_mistake_count(katas[i]))
    _FREEZING = (katas, options)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            frozen = dict(zip(order, pool.map(_freeze_one, order)))
    finally:
        _FREEZING = None
    return {katas[i].id: frozen[i] for i in range(len(katas))}


def build_edition(katas: list[Kata], out_dir: Path, root: Path | None = None,
                  options: GradeOptions | None = None) -> list[Path]:
    """Write the student edition of ``katas`` into ``out_dir``; return every file written.

    ``options`` (isolation, limits) are used to run the known mistakes for their probes."""
    root = (root or project_root()).resolve()
    if not katas:
        raise ReleaseError("no kata to release")
    for kata in katas:
        _check_releasable(kata, root)
    _prepare(out_dir, root)
    ignore = shutil.ignore_patterns(*LEFT_OUT)
    shutil.copytree(root / "graders", out_dir / "graders", ignore=ignore)
    shutil.copy2(root / "grade.py", out_dir / "grade.py")
    (out_dir / "katas").mkdir()
    shutil.copy2(root / "katas" / "__init__.py", out_dir / "katas" / "__init__.py")
    (out_dir / "student").mkdir()
    all_probes = freeze_all_probes(katas, options or GradeOptions())
    for kata in katas:
        shutil.copytree(kata.folder, out_dir / "katas" / kata.id, ignore=shutil.ignore_patterns(*KATA_LEFT_OUT))
        hidden = [c.title for c in kata.checks_for(["hidden"])]
        if hidden:
            (out_dir / "katas" / kata.id / ELSEWHERE_FILE).write_text(json.dumps({"hidden_checks": hidden}) + "\n",
                                                                     encoding="utf-8")
        frozen = kata.freeze()
        if frozen:
            (out_dir / "katas" / kata.id / FROZEN_FILE).write_text(json.dumps(frozen) + "\n", encoding="utf-8")
        probes = all_probes[kata.id]
        if probes:
            (out_dir / "katas" / kata.id / PROBES_FILE).write_text(json.dumps(probes) + "\n", encoding="utf-8")
        shutil.copy2(kata.stub_path, out_dir / "student" / f"{kata.id}.py")
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    (out_dir / "pyproject.toml").write_text(student_pyproject(pyproject), encoding="utf-8")
    (out_dir / "README.md").write_text(student_readme(katas), encoding="utf-8")
    (out_dir / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (out_dir / MARKER).write_text(json.dumps({"built_by": "grade release", "katas": [k.id for k in katas]}) + "\n",
                                  encoding="utf-8")
    return sorted(p for p in out_dir.rglob("*") if p.is_file())
