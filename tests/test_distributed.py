"""grade batch on a Dask cluster: the same grades as one local process, and a worker killed mid-run loses nothing."""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from graders.batch import BatchConfig, run_batch
from graders.distributed import pack_folder, unpack_folder
from graders.plugins import load_registry
from graders.runner import GradeOptions
from tests.conftest import ROOT

TOY = str(ROOT / "tests" / "fixtures" / "toy_plugin.py")
SUBMISSIONS = ROOT / "tests" / "fixtures" / "toy_submissions"
CLASS = {"ada": "good.py", "bob": "wrong.py", "cy": "stub.py", "dee": "syntax_error.py", "eve": "exiter.py",
         "fay": "good.py"}


def _without_seconds(data):
    if isinstance(data, dict):
        return {k: _without_seconds(v) for k, v in data.items() if k != "seconds"}
    if isinstance(data, list):
        return [_without_seconds(v) for v in data]
    return data


def _outputs(out: Path) -> dict[str, str]:
    import json

    files = {p.name: p.read_text() for p in out.glob("gradebook*.csv")}
    files.update({p.name: json.dumps(_without_seconds(json.loads(p.read_text())), sort_keys=True)
                  for p in (out / "reports").glob("*.json")})
    return files


def test_packed_folders_cannot_leave_their_folder(tmp_path):
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "a" / "sub" / "k.py").write_text("x = 1\n")
    unpack_folder(pack_folder(tmp_path / "a"), tmp_path / "b")
    assert (tmp_path / "b" / "sub" / "k.py").read_text() == "x = 1\n"
    for name in ("../escape.py", "/abs.py"):
        with pytest.raises(ValueError, match="leaves its folder"):
            unpack_folder({name: b""}, tmp_path / "c")
    assert not (tmp_path / "escape.py").exists()


def test_a_dask_cluster_grades_like_one_process_and_a_killed_worker_loses_nothing(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    subs = tmp_path / "subs"
    for student, source in CLASS.items():
        (subs / student).mkdir(parents=True)
        shutil.copy(SUBMISSIONS / source, subs / student / "toy_double.py")
    katas = [load_registry([TOY]).katas["toy_double"]]
    options = GradeOptions(timeout=1.0)
    run_batch(subs, tmp_path / "local", katas, BatchConfig(options, jobs=1, plugins=(TOY,), allow_same_user=True), echo=lambda _: None)

    killed = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        pids = client.run(os.getpid)

        def kill_a_worker(done: int, total: int, row) -> None:
            if killed:
                return
            busy = [address for address, keys in client.processing().items() if keys and address in pids]
            if busy:  # a worker in the middle of grading someone: its task must be graded again elsewhere
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append((busy[0], client.processing()[busy[0]]))

        config = BatchConfig(options, plugins=(TOY,), scheduler=cluster.scheduler_address)
        result = run_batch(subs, tmp_path / "dask", katas, config, echo=lambda _: None, on_graded=kill_a_worker)
    assert killed
    assert not result.problems and sorted(r.student for r in result.rows) == sorted(CLASS)
    local, dask = _outputs(tmp_path / "local"), _outputs(tmp_path / "dask")
    assert len(local) == len(CLASS) + 3 and dask == local
