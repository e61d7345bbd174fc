"""Shared fixtures: the registry of every kata, and a runner tuned for the test suite."""
from __future__ import annotations

from pathlib import Path

import pytest

from graders.plugins import load_registry
from graders.runner import GradeOptions, Runner

ROOT = Path(__file__).resolve().parent.parent
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
