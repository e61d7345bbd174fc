"""Shared fixtures: the registry of every kata, and a runner tuned for the test suite."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graders.plugins import load_registry
from graders.runner import GradeOptions, Runner

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def headless_chromium(profile: Path) -> list[str]:
    """The command line of a headless Chromium that stays off the network, with its own profile folder."""
    return [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]


def write_edited_reference(folder: Path, kata_id: str, edits: list[tuple[str, str]]) -> Path:
    """Write the kata's reference as ``folder/<kata_id>.py`` with each ``(old, new)`` edit applied in order.

    Each ``old`` must occur exactly once in the text it edits, so a reference that moved on fails loudly.
    Returns ``folder``, ready to be graded as a submission.
    """
    source = (ROOT / "reference" / f"{kata_id}.py").read_text()
    for old, new in edits:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    (folder / f"{kata_id}.py").write_text(source)
    return folder


REGISTRY = load_registry()


@pytest.fixture(scope="session")
def registry():
    return REGISTRY


@pytest.fixture(scope="session")
def runner():
    return Runner(GradeOptions())


@pytest.fixture(scope="session")
def fast_runner():
    """No shrinking: enough to know whether a submission fails, at a fraction of the cost."""
    return Runner(GradeOptions(shrink=False))


# xdist groups that make the longest chains of the suite (one worker each): started first, so that the other
# worker spreads the rest of the suite around them instead of waiting for them at the end.
LONGEST_FIRST = ("release-edition",)


def pytest_collection_modifyitems(items):
    def rank(item):
        group = item.get_closest_marker("xdist_group")
        name = (group.args[0] if group.args else group.kwargs.get("name", "")) if group else ""
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the rest keeps its order
