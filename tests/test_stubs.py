"""The pristine stub ships with each kata (katas/<id>/stub.py): student/<id>.py is the learner's to change."""
from __future__ import annotations

import shutil

from graders.kata import STUB_FILE
from graders.learner import reset_kata
from graders.notebooks import make_notebook
from graders.progress import load_progress
from tests.conftest import REGISTRY, ROOT

IN_TREE = [k for k in REGISTRY.katas.values() if k.folder and k.folder.parent == ROOT / "katas"]


def test_every_kata_of_the_tree_keeps_its_stub_with_it_and_student_starts_as_that_stub():
    assert IN_TREE
    for kata in IN_TREE:
        assert kata.stub_path == kata.folder / STUB_FILE, kata.id
        assert (ROOT / "student" / f"{kata.id}.py").read_text() == kata.stub_path.read_text(), kata.id


def test_reset_restores_the_pristine_stub_without_git_when_the_learner_changed_their_file(tmp_path):
    kata = REGISTRY.kata("softmax")
    folder = tmp_path / "student"  # no git here: a student edition, or a course copied by hand
    folder.mkdir()
    (folder / "softmax.py").write_text("def softmax(z):\n    return z\n")
    backup = reset_kata(kata, folder, load_progress(folder))
    assert (folder / "softmax.py").read_text() == (kata.folder / STUB_FILE).read_text()
    assert backup.read_text() == "def softmax(z):\n    return z\n"
    assert ".ml-katas-backups/" in (ROOT / ".gitignore").read_text().splitlines()


def test_reset_works_from_an_installed_copy_of_the_kata(tmp_path, monkeypatch):
    kata = REGISTRY.kata("softmax")
    installed = tmp_path / "site-packages" / "katas" / "softmax"  # no student/ beside it, no git
    shutil.copytree(kata.folder, installed, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(type(kata), "folder", property(lambda self: installed))
    assert kata.stub_path == installed / STUB_FILE
    folder = tmp_path / "work"
    folder.mkdir()
    reset_kata(kata, folder, load_progress(folder))
    assert (folder / "softmax.py").read_text() == (installed / STUB_FILE).read_text()


def test_a_notebook_embeds_the_pristine_stub_not_the_learners_work(tmp_path, monkeypatch):
    kata = REGISTRY.kata("softmax")
    tree = tmp_path / "course"  # a course tree where the learner has started on student/softmax.py
    shutil.copytree(kata.folder, tree / "katas" / "softmax", ignore=shutil.ignore_patterns("__pycache__"))
    (tree / "student").mkdir()
    (tree / "student" / "softmax.py").write_text("def softmax(z):\n    return z  # half done\n")
    monkeypatch.setattr(type(kata), "folder", property(lambda self: tree / "katas" / "softmax"))
    sources = [c.source for c in make_notebook(kata, "softmax.ipynb").cells]
    assert (kata.folder / STUB_FILE).read_text().rstrip() + "\n" in sources
    assert not any("half done" in s for s in sources)
