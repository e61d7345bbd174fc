"""grade validate: a sound kata passes every step, and each kind of broken kata fails the step that should catch it.

Each test builds a tiny kata package in a temporary folder (the API is one
function, ``double``), loads it as a ``--plugin`` and breaks one thing.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

from graders.plugins import load_registry
from graders.runner import GradeOptions
from graders.validate import format_summary, format_validation, validate_kata, validate_katas
from tests.conftest import ROOT

GOOD = {
    "reference": "def double(x):\n    return 2.0 * x\n",
    "stub": "def double(x):\n    \"\"\"2 * x\"\"\"\n    raise NotImplementedError\n",
    "public": textwrap.dedent("""
        import numpy as np
        from graders import assert_close
        from . import kata

        @kata.frozen
        def examples(ref):
            x = np.array([1.0, -2.0, 3.5])
            return {"x": x, "out": ref.double(x)}

        @kata.check(points=1)
        def doubles_examples(sub, ref):
            \"\"\"double gives the frozen examples\"\"\"
            case = kata.frozen_value("examples")
            assert_close(sub.double(case["x"]), case["out"], name="double(x)")
        """),
    "hidden": textwrap.dedent("""
        from hypothesis import given
        from graders import assert_close, strategies as kst
        from . import kata

        @kata.check(points=2, hidden=True)
        @given(x=kst.arrays(kst.shapes(1)))
        def matches_reference(sub, ref, x):
            \"\"\"double agrees with the reference\"\"\"
            assert_close(sub.double(x), ref.double(x), name="double(x)")
        """),
    "mistakes": [("adds", "adds 2 instead of doubling", 'replace("2.0 * x", "x + 2.0")')],
    "readme": "# Double\n\n`double(x)` returns `2 * x`.\n",
    "hints": "# Hints\n\n## Hint 1\n\nMultiply.\n",
}


def make_kata(tmp_path: Path, monkeypatch, **changes):
    """A kata package ``tiny`` under tmp_path/katas/tiny, its stub and its reference; returns the loaded Kata."""
    parts = {**GOOD, **changes}
    ref_module = f"tiny_reference_{uuid.uuid4().hex[:8]}"
    folder = tmp_path / "katas" / "tiny"
    folder.mkdir(parents=True)
    (tmp_path / "student").mkdir()
    (folder / "__init__.py").write_text(
        "from graders import Kata, hookimpl\n"
        f"kata = Kata(id='tiny', title='Tiny', topic='t', difficulty=1, api=['double'], package=__name__,\n"
        f"            reference={ref_module!r}, max_examples=10)\n"
        "@hookimpl\n"
        "def register_katas(register):\n"
        "    register(kata)\n")
    for name, key in (("public.py", "public"), ("hidden.py", "hidden"), ("README.md", "readme"), ("hints.md", "hints")):
        if parts[key] is not None:
            (folder / name).write_text(parts[key])
    declarations = "".join(f"    Mistake(id={i!r}, says={says!r}, culprits=('double(x)',), edit={edit}, "
                           f"hidden_only={(why or [''])[0]!r}),\n" for i, says, edit, *why in parts["mistakes"])
    (folder / "mistakes.py").write_text("from graders import Mistake, replace, replace_function\n"
                                        f"MISTAKES = [\n{declarations}]\n")
    (tmp_path / "student" / "tiny.py").write_text(parts["stub"])
    (tmp_path / f"{ref_module}.py").write_text(parts["reference"])
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = load_registry([str(folder)])
    assert not registry.problems, registry.problems
    return registry.katas["tiny"]


def steps(validation):
    return {s.name: s for s in validation.steps}


def validate(kata):
    return validate_kata(kata, GradeOptions(timeout=2.0))


def test_a_sound_kata_passes_every_step(tmp_path, monkeypatch):
    validation = validate(make_kata(tmp_path, monkeypatch))
    assert validation.ok, format_validation(validation)
    assert list(steps(validation)) == ["files", "reference", "stub", "mistakes", "public", "determinism"]
    assert validation.kill_rate == 1.0
    table = format_validation(validation)
    assert "1/1 caught by a hidden check (kill rate 100 %)" in table
    assert "1 frozen value" in table
    assert format_summary([validation]).startswith("1 kata(s) fit to hand out")


def test_a_mistake_no_hidden_check_catches_fails(tmp_path, monkeypatch):
    mistakes = [*GOOD["mistakes"], ("same", "the same formula written differently", 'replace("2.0 * x", "x + x")')]
    validation = validate(make_kata(tmp_path, monkeypatch, mistakes=mistakes))
    mistake_step = steps(validation)["mistakes"]
    assert not mistake_step.ok and not validation.ok
    assert "1/2 caught" in mistake_step.summary and "kill rate 50 %" in mistake_step.summary
    assert any(d.startswith("same: the same formula written differently") and "fails no check at all" in d
               for d in mistake_step.details)
    assert "not fit to hand out: tiny" in format_summary([validation])


def test_a_mistake_only_hidden_checks_catch_fails_unless_it_says_why(tmp_path, monkeypatch):
    only_three = ("only_three", "doubles only arrays of three numbers",
                  'replace("return 2.0 * x", "return 2.0 * x if x.size == 3 else x + 1.0")')
    validation = validate(make_kata(tmp_path, monkeypatch, mistakes=[*GOOD["mistakes"], only_three]))
    mistake_step = steps(validation)["mistakes"]
    assert not mistake_step.ok and "2/2 caught" in mistake_step.summary
    assert any(d.startswith("only_three: doubles only arrays of three numbers (no public check catches it")
               for d in mistake_step.details), mistake_step.details
    said_why = (*only_three, "the frozen example has three numbers")
    validation = validate(make_kata(tmp_path / "again", monkeypatch, mistakes=[*GOOD["mistakes"], said_why]))
    assert steps(validation)["mistakes"].ok, steps(validation)["mistakes"].details


def test_a_stub_that_scores_fails(tmp_path, monkeypatch):
    stub = "def double(x):\n    return x * 2.0\n"
    stub_step = steps(validate(make_kata(tmp_path, monkeypatch, stub=stub)))["stub"]
    assert not stub_step.ok
    assert "scores 4/4" in stub_step.summary
    assert any("doubles_examples passes on the stub" in d for d in stub_step.details)


def test_a_reference_that_disagrees_with_values_worked_by_hand_fails(tmp_path, monkeypatch):
    public = GOOD["public"] + textwrap.dedent("""
        @kata.check(points=1)
        def doubles_by_hand(sub, ref):
            \"\"\"double([1, 2]) is [2, 4]\"\"\"
            assert_close(sub.double(np.array([1.0, 2.0])), np.array([2.0, 4.0]), name="double([1, 2])")
        """)
    kata = make_kata(tmp_path, monkeypatch, public=public, reference="def double(x):\n    return 3.0 * x\n")
    reference_step = steps(validate(kata))["reference"]
    assert not reference_step.ok and "scores 80 % (4/5)" in reference_step.summary
    assert any(d.startswith("doubles_by_hand: failed") for d in reference_step.details)


def test_public_checks_that_import_the_reference_fail(tmp_path, monkeypatch):
    public = GOOD["public"] + textwrap.dedent("""
        @kata.check(points=1)
        def peeks_at_the_reference(sub, ref):
            \"\"\"imports the reference at run time\"\"\"
            import importlib
            expected = importlib.import_module(kata.reference_module).double(1.0)
            assert sub.double(1.0) == expected
        """)
    public_step = steps(validate(make_kata(tmp_path, monkeypatch, public=public)))["public"]
    assert not public_step.ok
    assert any("peeks_at_the_reference" in d and "hidden" in d for d in public_step.details)


def test_public_py_importing_the_reference_at_the_top_fails(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch)
    public = Path(kata.folder) / "public.py"
    public.write_text(f"import {kata.reference_module}\nfrom . import hidden\n" + public.read_text())
    details = steps(validate(kata))["public"].details
    assert any(f"line 1 imports {kata.reference_module}" in d for d in details)
    assert any("line 2 imports" in d and d.split("imports ")[1].startswith(kata.package + ".hidden") for d in details)


def test_nondeterministic_checks_fail(tmp_path, monkeypatch):
    hidden = GOOD["hidden"] + textwrap.dedent("""
        _graded_before = []

        @kata.check(points=1, hidden=True)
        def remembers_earlier_runs(sub, ref):
            \"\"\"passes the first time it runs only (state kept between gradings)\"\"\"
            sub.double(1.0)
            assert not _graded_before, "graded before"
            _graded_before.append(True)
        """)
    determinism = steps(validate(make_kata(tmp_path, monkeypatch, hidden=hidden)))["determinism"]
    assert not determinism.ok
    assert "remembers_earlier_runs: status and points differ between two runs" in determinism.details


def test_missing_files_fail(tmp_path, monkeypatch):
    validation = validate(make_kata(tmp_path, monkeypatch, readme=None, hints="# Hints\n", mistakes=[],
                                    stub="def triple(x):\n    raise NotImplementedError\n"))
    details = "\n".join(steps(validation)["files"].details)
    assert "no README.md" in details
    assert "hints.md has no '## Hint N' section" in details
    assert "no known mistake (declare them in mistakes.py)" in details
    assert "does not define double" in details


def test_an_edit_that_no_longer_applies_is_named(tmp_path, monkeypatch):
    mistakes = [*GOOD["mistakes"], ("halves", "halves instead of doubling", 'replace("2 * x", "x / 2")')]
    validation = validate(make_kata(tmp_path, monkeypatch, mistakes=mistakes))
    files, mistake_step = steps(validation)["files"], steps(validation)["mistakes"]
    assert not files.ok and not validation.ok
    assert ("kata tiny, mistake halves: the snippet '2 * x' occurs 0 time(s) in the reference, not once: "
            "the reference changed; update the edit") in files.details
    assert "1/2 caught" in mistake_step.summary
    assert "halves: cannot be built (see files)" in mistake_step.details


def test_validate_command_exit_codes(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch, stub="def double(x):\n    return x * 2.0\n")
    run = subprocess.run(
        [sys.executable, "grade.py", "--plugin", str(kata.folder), "validate", "--kata", "tiny", "--timeout", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode == 1, run.stdout + run.stderr
    assert "FAIL  stub" in run.stdout and "ok    reference" in run.stdout
    assert "not fit to hand out: tiny" in run.stdout
    run = subprocess.run([sys.executable, "grade.py", "validate", "--kata", "no_such_kata"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "unknown kata 'no_such_kata'" in run.stderr and "Traceback" not in run.stderr


def test_validate_in_parallel_processes(tmp_path, monkeypatch):
    """-j runs katas in grader processes; results come back in the katas' order."""
    kata = make_kata(tmp_path, monkeypatch)
    toy = load_registry([str(ROOT / "tests" / "fixtures" / "toy_plugin.py")]).katas["toy_double"]
    results = validate_katas([kata, toy], GradeOptions(timeout=2.0), {"tiny", "toy_double"}, jobs=2,
                             plugins=(str(kata.folder), str(ROOT / "tests" / "fixtures" / "toy_plugin.py")))
    assert [v.kata for v in results] == ["tiny", "toy_double"]
    assert results[0].ok, format_validation(results[0])
    toy_steps = steps(results[1])
    assert not toy_steps["files"].ok and "no stub" in "\n".join(toy_steps["files"].details)


def test_a_check_module_with_a_syntax_error_is_a_finding_not_a_crash(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch)
    (Path(kata.folder) / "hidden.py").write_text("def broken(:\n")
    validation = validate(kata)
    files = steps(validation)["files"]
    assert not validation.ok and not files.ok
    assert any("the checks could not be loaded: SyntaxError" in d for d in files.details)


def test_a_broken_mistakes_module_is_a_finding_not_a_crash(tmp_path, monkeypatch):
    validation = validate(make_kata(tmp_path, monkeypatch, mistakes=[("bad id", "x", 'replace("2.0", "3.0")')]))
    files, mistake_step = steps(validation)["files"], steps(validation)["mistakes"]
    assert not validation.ok and not mistake_step.ok
    assert any(d.startswith("mistakes.py could not be loaded: KataDefinitionError: mistake 'bad id'")
               for d in files.details)
