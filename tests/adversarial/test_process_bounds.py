"""Processes bounded in a way that holds for root: a worker uid of its own inside bwrap too, and a pids cgroup."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from graders.plugins import load_registry
from graders.runner import GradeOptions, Runner
from graders.sandbox import Limits, cgroups, limits, process
from tests.adversarial.test_adversarial import AS_ROOT, HAVE_BWRAP
from tests.conftest import ROOT

TOY = str(ROOT / "tests" / "fixtures" / "toy_plugin.py")
PROCESSES = 8  # small: with the bound removed the cheat stops at 48 sleepers, killed at the end
CGROUPS = AS_ROOT and bool(cgroups.candidate_parents())


def fork_bomb(tmp_path: Path, isolation: str) -> dict:
    """Grade the counting fork bomb; what it said of itself: forked, uid, pids.max."""
    shutil.copy(ROOT / "tests" / "fixtures" / "fork_until_refused.py", tmp_path / "toy_double.py")
    runner = Runner(GradeOptions(isolation=isolation, shrink=False, limits=Limits(processes=PROCESSES)))
    report = runner.grade([load_registry([TOY]).katas["toy_double"]], tmp_path / "toy_double.py")
    said = next(c.message for c in report.katas[0].checks if "forked" in c.message)
    found = re.search(r"forked (\d+) of 48 as uid=(\d+) pids.max=(\S+)", said)
    return {"forked": int(found[1]), "uid": int(found[2]), "pids.max": found[3]}


def no_groups_left() -> bool:
    return not [p for _, parent in cgroups.candidate_parents() for p in parent.glob(f"ml-katas-{os.getpid()}-*")]


@pytest.mark.skipif(not (AS_ROOT and HAVE_BWRAP), reason="bubblewrap started by root")
def test_where_bwrap_runs_only_as_root_the_worker_still_leaves_root(tmp_path, monkeypatch):
    monkeypatch.setattr(process, "bwrap_works", lambda uid=None: uid is None)  # no unprivileged user namespaces
    monkeypatch.setattr(process.WorkerCgroup, "create", classmethod(lambda cls, *a, **k: None))  # the uid alone
    said = fork_bomb(tmp_path, "bwrap")
    assert said["uid"] != 0 and said["forked"] < PROCESSES, said
    monkeypatch.setattr(limits, "bwrap_works", lambda uid=None: uid is None)
    assert "runs only as root here: the worker leaves root for uid" in limits.describe_isolation("bwrap")


@pytest.mark.skipif(not CGROUPS, reason="needs root and a cgroup hierarchy with the pids controller")
def test_each_worker_has_a_pids_cgroup_of_its_own_removed_afterwards(tmp_path):
    said = fork_bomb(tmp_path, "process")
    assert said["pids.max"] == str(PROCESSES) and said["forked"] < PROCESSES, said
    assert no_groups_left()


@pytest.mark.skipif(not (CGROUPS and HAVE_BWRAP), reason="needs root, bubblewrap and a pids cgroup hierarchy")
def test_the_cgroup_bounds_a_bwrap_worker_too(tmp_path, monkeypatch):
    monkeypatch.setattr(process, "bwrap_works", lambda uid=None: uid is None)
    monkeypatch.setattr(process.Limits, "as_config", lambda self: {})  # no rlimits at all: only the cgroup is left
    said = fork_bomb(tmp_path, "bwrap")
    assert said["forked"] < PROCESSES, said
    assert no_groups_left()
