"""Every kata proves three things: the reference scores 100 %, the stub 0, every known mistake is caught."""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from graders.inplace import CHECK_NAME as INPLACE_CHECK
from graders.mistakes import write_modules
from graders.runner import GradeOptions, Runner
from tests.conftest import REGISTRY, ROOT

KATAS = sorted(REGISTRY.katas)
MISTAKES = [(k, m.id) for k in KATAS for m in REGISTRY.katas[k].mistakes]
# Known mistakes no replay can name: results that differ on every run cannot be reproduced, and results that are
# the reference's name no mistake.
UNREPRODUCIBLE = {("weight_init", "global_random_state"): "draws from NumPy's global random state",
                  ("knn", "double_loop_distances"): "its results are the reference's; only its speed gives it away"}
# Known mistakes whose results are the same as another's on every example the grader tries: the diagnosis names
# both (in declaration order), and says that no example tells them apart.
SAME_RESULTS = {("training_loop", "returns_the_last_params"): ("best_params_not_copied",),
                ("training_loop", "best_params_not_copied"): ("returns_the_last_params",),
                ("serialization", "savez_keyword_clash"): ("savez_on_path_string",)}


def test_every_kata_folder_registers():
    folders = sorted(p.name for p in (ROOT / "katas").iterdir() if (p / "__init__.py").is_file())
    assert folders == KATAS
    assert not REGISTRY.problems


@pytest.mark.parametrize("kata_id", KATAS)
def test_kata_is_complete(kata_id):
    kata = REGISTRY.katas[kata_id]
    for name in ("README.md", "hints.md"):
        assert kata.file(name), f"{kata_id} has no {name}"
    assert kata.file("hints.md").read_text().count("## Hint") >= 3
    assert (ROOT / "reference" / f"{kata_id}.py").is_file()
    assert kata.stub_path.is_file()
    assert len(kata.mistakes) >= 4, f"{kata_id} has {len(kata.mistakes)} known mistakes; at least 4 are required"
    assert kata.checks_for(["public"]) and kata.checks_for(["hidden"])
    for dep in kata.builds_on:
        assert dep in REGISTRY.katas, f"{kata_id} builds on unknown kata {dep}"


@pytest.mark.parametrize("kata_id", KATAS)
def test_reference_scores_100(runner, kata_id):
    kata = REGISTRY.katas[kata_id]
    result = runner.grade([kata], ROOT / "reference").katas[0]
    failures = [f"{c.check}: {c.status}: {c.message}" for c in result.checks if not c.passed]
    assert not failures, "\n".join(failures)
    assert result.score == 1.0


@pytest.mark.parametrize("kata_id", KATAS)
def test_stub_scores_0_not_started(runner, kata_id):
    kata = REGISTRY.katas[kata_id]
    result = runner.grade([kata], kata.stub_path).katas[0]
    assert result.points == 0
    wrong = [f"{c.check}: {c.status}: {c.message}" for c in result.checks if c.status != "not_started"]
    assert not wrong, "checks not reported as 'not started' on the stub:\n" + "\n".join(wrong)


GATE_RUNNER = Runner(GradeOptions(shrink=False, replay_budget=600.0))  # fast; no replay cut short on a busy machine


@functools.cache
def graded_mistakes(kata_id: str) -> dict:
    """Every known mistake of ``kata_id``, graded as a submission (hidden checks, diagnosis), by mistake id.

    They are graded one after the other in one sandbox (``Runner.grade_own``: one worker, one replay worker),
    once per test process: the gate's tests of one kata share an xdist group, so they run in the same process."""
    kata = REGISTRY.katas[kata_id]
    with tempfile.TemporaryDirectory(prefix="gate-") as folder:
        files = write_modules(kata.mistakes, kata.reference_path.read_text(), Path(folder), kata_id)
        assert len(files) == len(kata.mistakes), f"known mistakes of {kata_id} that cannot be built: " \
            f"{[m.id for m in kata.mistakes if m.id not in files]} (see grade validate --kata {kata_id})"
        return dict(zip(files, GATE_RUNNER.grade_own(kata, list(files.values()))))


def named_by(diagnosis: dict | None) -> list[str]:
    """Every mistake a diagnosis names (several when no example tells them apart)."""
    return [diagnosis["mistake"], *(d["mistake"] for d in diagnosis.get("also", []))] if diagnosis else []


@pytest.mark.parametrize("kata_id,mistake_id", [pytest.param(k, m, marks=pytest.mark.xdist_group(f"gate-{k}"))
                                               for k, m in MISTAKES], ids=[f"{k}-{m}" for k, m in MISTAKES])
def test_known_mistake_is_caught_explained_and_named(kata_id, mistake_id):
    """The quality gate of every known mistake, graded as a submission: (a) a hidden check fails (or, for a
    change in place, the engine's in-place check, which is public: it grades the calls of every check), and a
    public check fails unless the declaration says why none can (``hidden_only``); (b) the first
    failure message (with its call line) names one of its culprits; (c) the diagnosis names the mistake, and
    names others beside it only where SAME_RESULTS says no example tells them apart."""
    kata = REGISTRY.katas[kata_id]
    mistake = kata.mistake(mistake_id)
    result = graded_mistakes(kata_id)[mistake_id]
    failed = [c for c in result.checks if not c.passed]
    assert any(c.visibility == "hidden" or c.check == INPLACE_CHECK for c in failed), (
        f"known mistake {mistake_id} passes every hidden check (and the engine's in-place check)")
    assert mistake.hidden_only or any(c.visibility == "public" for c in failed), (
        f"known mistake {mistake_id} passes every public check: a learner cannot find it before handing in; "
        "add a public check that catches it, or say why none can with Mistake(hidden_only=...)")
    first = failed[0]
    shown = f"{first.message}\n{first.call}"
    assert any(culprit in shown for culprit in mistake.culprits), (
        f"the first failure message names none of {mistake.culprits}:\n{shown}")
    if first.status == "forbidden" or (kata_id, mistake_id) in UNREPRODUCIBLE:
        return  # a forbidden call is named by the grader itself; see UNREPRODUCIBLE
    named = [named_by(c.diagnosis) for c in failed if c.diagnosis]
    assert named and mistake_id in named[0], f"the diagnosis names {named[:1] or 'no mistake'}, not {mistake_id}"
    assert set(named[0]) <= {mistake_id, *SAME_RESULTS.get((kata_id, mistake_id), ())}, (
        f"the diagnosis of {mistake_id} also names {named[0]}, which SAME_RESULTS does not list")
