"""grade release: the student edition installs, its README commands work, and nothing private leaked.

The edition is built from a copy of the instructor's tree with every kata plus
one scaffolded kata (whose public check compares with frozen values). It is
installed into a fresh virtual environment in which neither this project nor
its ``reference`` package can be imported.
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from graders.plugins import load_registry
from graders.release import ReleaseError, student_pyproject
from tests.conftest import ROOT
from tests.test_katas import SAME_RESULTS, UNREPRODUCIBLE, named_by
from tests.test_packs import fresh_venv
from tests.test_scaffold import course_tree, grade_in

ALL_KATAS = tuple(sorted(p.name for p in (ROOT / "katas").iterdir() if (p / "__init__.py").is_file()))
OFFLINE_PIP = "pip install --no-deps --no-build-isolation --no-index"
# The tests of the built edition share one xdist group: the edition (every kata's probes) is built once.
ON_THE_EDITION = pytest.mark.xdist_group("release-edition")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(instructor tree, edition, python of a fresh venv with the edition installed)."""
    tmp = tmp_path_factory.mktemp("release")
    tree = course_tree(tmp / "course", ALL_KATAS)
    assert grade_in(tree, "new", "frozen_demo", "--title", "Frozen demo").returncode == 0
    run = grade_in(tree, "release", str(tmp / "edition"))
    assert run.returncode == 0, run.stdout + run.stderr
    python = fresh_venv(tmp / "venv", system_site_packages=False)
    return tree, tmp / "edition", python


def run_in(python: Path, command: str, cwd: Path) -> subprocess.CompletedProcess:
    """A README command run with the venv's python; pip installs offline."""
    command = command.replace("pip install", OFFLINE_PIP, 1) if command.startswith("pip install") else command
    argv = shlex.split(command)
    argv = [str(python), "-m", *argv] if argv[0] == "pip" else [str(python), *argv[1:]]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=900)


@ON_THE_EDITION
def test_readme_commands_work_in_a_fresh_environment(built):
    _, edition, python = built
    block = re.search(r"```\n(.*?)```", (edition / "README.md").read_text(), re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands[0].startswith("pip install -e .")
    for command in commands:
        run = run_in(python, command, edition)
        assert run.returncode in (0, 1), f"{command}: {run.stdout}{run.stderr}"
        assert "Traceback" not in run.stdout + run.stderr, command
    probe = subprocess.run([str(python), "-c", "import graders, reference"], cwd=edition.parent, capture_output=True,
                           text=True)
    assert "No module named 'reference'" in probe.stderr


@ON_THE_EDITION
def test_stubs_score_0_and_references_pass_every_public_check(built):
    tree, edition, python = built
    run = subprocess.run([str(python), "grade.py", "--all"], cwd=edition, capture_output=True, text=True, timeout=900)
    assert run.returncode == 1
    scores = re.findall(r"^  score (\S+)/(\S+) ", run.stdout, re.M)
    assert len(scores) == len(ALL_KATAS) + 1 and all(points == "0" for points, _ in scores)
    assert "hidden)" not in run.stdout
    stubs = edition.parent / "stubs"
    shutil.copytree(edition / "student", stubs)
    try:
        for kata_id in ALL_KATAS + ("frozen_demo",):
            shutil.copy(tree / "reference" / f"{kata_id}.py", edition / "student" / f"{kata_id}.py")
        run = subprocess.run([str(python), "grade.py", "--all", "--json", str(edition.parent / "report.json")],
                             cwd=edition, capture_output=True, text=True, timeout=900)
        # done with the public checks: the note names the hidden checks that only run where work is handed in
        hidden = json.loads((edition / "katas" / "softmax" / "graded_elsewhere.json").read_text())["hidden_checks"]
        assert hidden and all(f"    - {title}" in run.stdout for title in hidden)
        assert "done with every check that runs here!" in run.stdout
        # reset restores the stub shipped with the kata (no git, no reference here)
        reset = subprocess.run([str(python), "grade.py", "reset", "softmax", "--yes"], cwd=edition,
                               capture_output=True, text=True, timeout=300)
        assert reset.returncode == 0, reset.stdout + reset.stderr
        assert (edition / "student" / "softmax.py").read_text() == (edition / "katas" / "softmax" / "stub.py").read_text()
    finally:
        shutil.rmtree(edition / "student")
        shutil.copytree(stubs, edition / "student")
    report = json.loads((edition.parent / "report.json").read_text())
    failed = [f"{c['kata']}.{c['check']}: {c['message'][:200]}" for k in report["katas"] for c in k["checks"]
              if c["status"] != "passed"]
    assert not failed, "\n".join(failed)
    assert run.returncode == 0
    assert {c["visibility"] for k in report["katas"] for c in k["checks"]} == {"public"}
    demo = next(k for k in report["katas"] if k["kata"] == "frozen_demo")
    assert demo["points"] == demo["max_points"] == 2  # its check and the engine's in-place check


def test_done_after_the_public_checks_alone_names_the_checks_that_did_not_run():
    from graders.reporters.terminal import format_kata
    from graders.runner import GradeOptions, Runner
    from tests.conftest import REGISTRY

    kata = REGISTRY.kata("softmax")
    result = Runner(GradeOptions(visibility=("public",), shrink=False)).grade([kata], ROOT / "reference").katas[0]
    hidden = [c.title for c in kata.checks_for(["hidden"])]
    assert result.all_passed and result.not_run_here == hidden
    text = format_kata(result)
    assert "done with every check that runs here! 3 more run only where your work is graded:" in text
    assert all(f"    - {title}" in text for title in hidden)


def reference_only_lines(tree: Path) -> dict[str, str]:
    """Lines of the reference solutions found in nothing meant to ship (stubs, public checks, statements, hints)."""
    shipped = [*(tree / "student").glob("*.py"), *(tree / "katas").rglob("*.py"), *(tree / "katas").rglob("*.md"),
               *(tree / "graders").rglob("*.py")]
    shipped = [p for p in shipped if not p.name.startswith(("hidden", "mistakes"))]  # what ships of a kata folder
    shipped_text = "\n".join(path.read_text() for path in shipped)
    lines = {}
    for path in (tree / "reference").glob("*.py"):
        for line in path.read_text().splitlines():
            text = line.strip()
            if len(text) >= 20 and not text.startswith(("#", '"""', "def ", "return ")) and text not in shipped_text:
                lines[text] = path.name
    return lines


@ON_THE_EDITION
def test_nothing_private_leaked(built):
    tree, edition, _ = built
    files = [p for p in edition.rglob("*") if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)]
    names = {p.relative_to(edition).as_posix() for p in files}
    assert not [n for n in names if n.startswith(("reference/", "tests/", "bench/", "examples/", "docs/"))]
    assert not [n for n in names if "/mutants/" in n or Path(n).name.startswith("hidden")]
    assert not [n for n in names if n.startswith("katas/") and n.endswith("/mistakes.py")]
    assert not [n for n in names if n.startswith("katas/") and Path(n).name.startswith("make_")]  # data generators
    assert "graders/mistakes.py" in names  # the engine's module of that name ships
    assert {f"student/{k}.py" for k in ALL_KATAS} <= names and "katas/frozen_demo/frozen.json" in names
    private_lines = reference_only_lines(tree)
    assert len(private_lines) > 100
    registry = load_registry()
    hidden_names = {c.name for k in registry.katas.values() if k.id in ALL_KATAS for c in k.checks_for(["hidden"])}
    leaks = []
    for path in files:
        text = path.read_text(errors="replace")
        leaks += [f"{path.name}: reference line from {source}: {line}" for line, source in private_lines.items()
                  if line in text]
        if "graders" not in path.relative_to(edition).parts:  # the engine is public; its scaffold has templates
            leaks += [f"{path.name}: hidden check {name}" for name in hidden_names if f"def {name}(" in text]
    assert not leaks, "\n".join(leaks[:20])
    assert not mistake_code_shipped(tree, files)
    frozen = json.loads((edition / "katas" / "frozen_demo" / "frozen.json").read_text())
    assert frozen["worked_examples"][0]["expected"]["__ndarray__"] == [0.0, 2.0, -5.0]


def mistake_code_shipped(tree: Path, files: list[Path]) -> list[str]:
    """Lines of the known mistakes' edits found in the edition (beyond what ships anyway, like the stubs)."""
    from graders.mistakes import Replace, ReplaceFunction

    shipped = [*(tree / "student").glob("*.py"), *(tree / "katas").rglob("public.py"), *(tree / "katas").rglob("*.md"),
               *(tree / "graders").rglob("*.py")]
    shipped_text = "\n".join(path.read_text() for path in shipped)
    lines = set()
    for kata in load_registry().katas.values():
        if kata.id in ALL_KATAS:
            shipped_text += "\n".join(m.says for m in kata.mistakes)  # the sentences ship: they name the mistakes
            for mistake in kata.mistakes:
                for edit in mistake.edits:
                    new = edit.new if isinstance(edit, Replace) else edit.source if isinstance(edit, ReplaceFunction) \
                        else ""
                    lines |= {line.strip() for line in new.splitlines() if len(line.strip()) >= 20}
    lines = {line for line in lines if line not in shipped_text}
    assert len(lines) > 100
    edition_text = "\n".join(path.read_text(errors="replace") for path in files)
    return sorted(line for line in lines if line in edition_text)


@ON_THE_EDITION
def test_the_student_edition_names_known_mistakes_from_probes_alone(built, tmp_path):
    """The quality gate in a built student edition: each known mistake that fails a public check, graded there
    as a submission, is named by the first diagnosis it gets (from probes.json, without the mistakes' code),
    and beside it only the mistakes SAME_RESULTS lists."""
    tree, edition, python = built
    registry = load_registry()
    jobs = []
    for kata_id in ALL_KATAS:
        kata = registry.katas[kata_id]
        for mistake in kata.mistakes:
            file = tmp_path / kata_id / mistake.id / f"{kata_id}.py"
            file.parent.mkdir(parents=True)
            file.write_text(kata.mistake_source(mistake.id))
            jobs.append((kata_id, mistake.id, str(file)))
    script = (  # the mistakes of one kata in one sandbox (Runner.grade_own): they are the project's own code
        "import itertools, json, sys\n"
        "from graders.plugins import load_registry\n"
        "from graders.runner import GradeOptions, Runner\n"
        "registry, runner, out = load_registry(), Runner(GradeOptions(shrink=False, replay_budget=600.0)), []\n"
        "for kata_id, jobs in itertools.groupby(json.loads(sys.stdin.read()), key=lambda job: job[0]):\n"
        "    jobs = list(jobs)\n"
        "    results = runner.grade_own(registry.katas[kata_id], [file for _, _, file in jobs])\n"
        "    for (_, mistake, _), result in zip(jobs, results):\n"
        "        failed = [c for c in result.checks if not c.passed]\n"
        "        out.append([kata_id, mistake, [[c.status, c.diagnosis] for c in failed]])\n"
        "print(json.dumps(out))\n")
    run = subprocess.run([str(python), "-c", script], cwd=edition, input=json.dumps(jobs), capture_output=True,
                         text=True, timeout=1800)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    failing = [(k, m, failed) for k, m, failed in results
               if failed and failed[0][0] != "forbidden" and (k, m) not in UNREPRODUCIBLE]
    assert len(failing) > len(results) / 2  # most known mistakes fail a public check
    wrong = []
    for kata_id, mistake, failed in failing:
        named = [named_by(diagnosis) for _, diagnosis in failed if diagnosis]
        allowed = {mistake, *SAME_RESULTS.get((kata_id, mistake), ())}
        if not named or mistake not in named[0] or not set(named[0]) <= allowed:
            wrong.append(f"{kata_id}.{mistake}: the diagnosis names {named[0] if named else 'no mistake'}")
    assert not wrong, "\n".join(wrong)


def test_release_refuses_what_it_cannot_build_safely(tmp_path):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    tree = course_tree(tmp_path / "course")
    assert grade_in(tree, "new", "leaky").returncode == 0
    run = grade_in(tree, "release", str(occupied))
    assert run.returncode == 2 and "is not empty and not a student edition" in run.stderr
    assert (occupied / "notes.txt").read_text() == "mine"
    public = tree / "katas" / "leaky" / "public.py"
    public.write_text(public.read_text() + "\n\n@kata.check(points=1, hidden=True)\ndef secret(sub, ref):\n"
                      "    sub.leaky(1.0)\n")
    run = grade_in(tree, "release", str(tmp_path / "edition"))
    assert run.returncode == 2 and "defines hidden check secret outside hidden.py" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "edition").exists()


def test_student_pyproject_drops_the_reference_package():
    text = (ROOT / "pyproject.toml").read_text()
    edited = student_pyproject(text)
    assert '"reference*"' in text and "reference" not in edited and '"graders*", "katas*"' in edited
    with pytest.raises(ReleaseError):
        student_pyproject(text + '\n[tool.other]\npath = "reference/data"\n')


def test_release_warns_about_unfinished_katas_and_still_builds(tmp_path):
    tree = course_tree(tmp_path / "course", ("softmax", "activations"))
    assert grade_in(tree, "new", "half_done", "--title", "Half done").returncode == 0
    reference = tree / "reference" / "softmax.py"
    reference.write_text(reference.read_text().replace("return shifted - np.log(", "return 2 * shifted - np.log("))
    run = grade_in(tree, "release", str(tmp_path / "edition"))
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: kata ")]
    assert len(warnings) == 2, run.stderr
    assert "kata half_done is unfinished: its README.md is still the scaffold's TODO statement" in warnings[0] + warnings[1]
    softmax = next(w for w in warnings if "softmax" in w)
    assert "its reference scores" in softmax and "grade validate --kata softmax" in softmax
    assert "activations" not in run.stderr
    assert (tmp_path / "edition" / "student" / "half_done.py").is_file()
    quiet = grade_in(tree, "release", str(tmp_path / "edition"), "--no-check")
    assert quiet.returncode == 0 and "warning: kata" not in quiet.stderr
