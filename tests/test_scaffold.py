"""grade new: a scaffolded kata is complete and validates from the start; bad ids are one-line usage errors."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graders.scaffold import ScaffoldError, create_kata
from tests.conftest import ROOT

TREE_FILES = ("grade.py", "pyproject.toml", "README.md", "katas/__init__.py", "reference/__init__.py")


def course_tree(dest: Path, katas: tuple[str, ...] = ()) -> Path:
    """A copy of the instructor's tree in ``dest``: the engine, and only the named katas (none by default)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "graders", dest / "graders", ignore=ignore)
    for name in TREE_FILES:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    (dest / "student").mkdir(exist_ok=True)
    for kata_id in katas:
        shutil.copytree(ROOT / "katas" / kata_id, dest / "katas" / kata_id, ignore=ignore)
        shutil.copy2(ROOT / "reference" / f"{kata_id}.py", dest / "reference" / f"{kata_id}.py")
        shutil.copy2(ROOT / "student" / f"{kata_id}.py", dest / "student" / f"{kata_id}.py")
    return dest


def grade_in(tree: Path, *args: str) -> subprocess.CompletedProcess:
    """``python grade.py ARGS`` inside ``tree``: its own graders/ and katas/ are the ones imported."""
    return subprocess.run([sys.executable, "grade.py", *args], cwd=tree, capture_output=True, text=True, timeout=600)


def test_a_new_kata_validates_from_the_start(tmp_path):
    tree = course_tree(tmp_path / "course")
    run = grade_in(tree, "new", "relu_layer", "--title", "A ReLU layer", "--topic", "neural networks")
    assert run.returncode == 0, run.stderr
    for path in ("katas/relu_layer/__init__.py", "katas/relu_layer/README.md", "katas/relu_layer/hints.md",
                 "katas/relu_layer/public.py", "katas/relu_layer/hidden.py", "katas/relu_layer/mistakes.py",
                 "student/relu_layer.py", "reference/relu_layer.py"):
        assert (tree / path).is_file(), path
        assert f"created {path}" in run.stdout
    listing = grade_in(tree, "list")
    assert "relu_layer" in listing.stdout and "A ReLU layer" in listing.stdout
    run = grade_in(tree, "validate", "--kata", "relu_layer")
    assert run.returncode == 0, run.stdout + run.stderr
    for step in ("files", "reference", "stub", "mistakes", "public", "determinism"):
        assert f"ok    {step}" in run.stdout
    assert "1/1 caught by a hidden check" in run.stdout and "1 frozen value" in run.stdout


@pytest.mark.parametrize("kata_id,message", [
    ("ReLU", "'ReLU' cannot be a kata id: use lower_snake_case"),
    ("lambda", "'lambda' is a Python keyword"),
    ("softmax_x", None),
])
def test_bad_ids_are_refused_in_one_sentence(tmp_path, kata_id, message):
    if message is None:
        create_kata(kata_id, tmp_path)
        message = f"{tmp_path / 'katas' / kata_id / '__init__.py'} already exists"
    with pytest.raises(ScaffoldError) as error:
        create_kata(kata_id, tmp_path, taken={"softmax"})
    assert message in str(error.value)
    with pytest.raises(ScaffoldError, match="already registered"):
        create_kata("softmax", tmp_path / "elsewhere", taken={"softmax"})


def test_cli_errors_are_usage_errors_without_a_traceback(tmp_path):
    run = subprocess.run([sys.executable, "grade.py", "new", "Bad-Id", "--in", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "cannot be a kata id" in run.stderr and "Traceback" not in run.stderr
    assert not any(tmp_path.iterdir())
