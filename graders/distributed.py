"""``grade batch --scheduler tcp://host:8786`` or ``--cluster local:N``: grade a class on a Dask cluster.

Each Dask task grades one student on a worker machine exactly as a local
batch does: the submission's files (already materialized and checked by the
batch, sent as bytes, never as paths) are written into a fresh folder there,
and a grader process grades them in the same sandbox, under the same
per-submission time limit, its whole process tree killed when it runs over.
Each worker keeps its grader process between tasks (as ``-j`` keeps one per
slot), so the engine and the katas are imported once per worker, not once
per student. Outcomes stream back to ``grade batch`` as tasks
finish, which writes each report and the resume state at once; a worker that
dies takes no result with it (the scheduler gives its tasks to another worker,
and whatever finished was already written).

The workers need the same Python environment as the grader (this project and
any kata package installed; ``--plugin`` paths must exist on them too).
Dask is an optional extra: ``pip install 'ml-katas[distributed]'``.
"""
from __future__ import annotations

import atexit
import pickle
import shutil
import tempfile
import threading
import uuid
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator

from graders.pool import GraderPool, Outcome

DASK_EXTRA = "pip install 'ml-katas[distributed]'"


def _dask() -> Any:
    try:
        import dask.distributed
    except ImportError:
        raise ImportError(f"--scheduler and --cluster need Dask distributed, which is not installed: {DASK_EXTRA}") \
            from None
    return dask.distributed


def pack_folder(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` as ``{relative POSIX path: bytes}`` (what a task carries)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def unpack_folder(files: dict[str, bytes], folder: Path) -> None:
    """Write ``pack_folder``'s files under ``folder``; a path leaving it is refused."""
    for name, data in files.items():
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
            raise ValueError(f"a packed file name leaves its folder: {name!r}")
        target = folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


_GRADERS: dict[bytes, tuple[GraderPool, Path, threading.Lock]] = {}  # per worker process: one per batch setup
_GRADERS_LOCK = threading.Lock()


def _close_graders() -> None:
    for pool, work, _ in _GRADERS.values():
        pool.close()
        shutil.rmtree(work, ignore_errors=True)


atexit.register(_close_graders)


def _grader(setup_args: tuple, time_limit: float | None) -> tuple[GraderPool, Path, threading.Lock]:
    """This worker's kept grader for a batch's setup (its own work folder here), started on first use."""
    from graders.batch import _grade_job, prepare_grader

    plugins, kata_ids, options, _ = setup_args
    key = pickle.dumps((plugins, kata_ids, options, time_limit))
    with _GRADERS_LOCK:
        if key not in _GRADERS:
            work = Path(tempfile.mkdtemp(prefix="ml-katas-dask-"))
            pool = GraderPool(prepare_grader, (plugins, kata_ids, options, str(work)), _grade_job, 1, time_limit)
            _GRADERS[key] = (pool, work, threading.Lock())
        return _GRADERS[key]


def grade_on_worker(setup_args: tuple, time_limit: float | None, key: str, folder: str,
                    files: dict[str, bytes]) -> dict:
    """On a Dask worker: grade one student's ``files``, laid out in ``folder`` (the relative folder the batch
    gave them, so that reports name the same paths), in this worker's grader process; the Outcome as a dict."""
    pool, work, lock = _grader(setup_args, time_limit)
    with lock:
        top = work / PurePosixPath(folder).parts[0]
        try:
            unpack_folder({f"{folder}/{name}": data for name, data in files.items()}, work)
            outcome = pool.run_one(key, folder)
        finally:
            shutil.rmtree(top, ignore_errors=True)
    return asdict(outcome)


class DaskPool:
    """Runs a batch's tasks on a Dask cluster; ``run(tasks)`` yields an Outcome per task as it finishes.

    ``scheduler``: the address of a running scheduler; else ``local_workers`` worker processes of a
    ``LocalCluster`` started (and stopped) here. ``setup_args`` are the batch's grader setup
    arguments; a task's payload is its folder relative to ``setup_args[3]``, the batch's work folder.
    """

    def __init__(self, setup_args: tuple, time_limit: float | None, scheduler: str | None = None,
                 local_workers: int | None = None) -> None:
        if not scheduler and not local_workers:
            raise ValueError("DaskPool needs a scheduler address or a number of local workers")
        self.setup_args, self.time_limit = setup_args, time_limit
        self.scheduler, self.local_workers = scheduler, local_workers
        _dask()  # a missing extra is an error before any grading starts

    def _connect(self) -> tuple[Any, Any]:
        distributed = _dask()
        if self.scheduler:
            return distributed.Client(self.scheduler), None
        cluster = distributed.LocalCluster(n_workers=self.local_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        return distributed.Client(cluster), cluster

    def run(self, tasks: Iterable[tuple[str, Any]]) -> Iterator[Outcome]:
        tasks = list(tasks)
        if not tasks:
            return
        distributed = _dask()
        client, cluster = self._connect()
        work = Path(self.setup_args[3])
        run_id = uuid.uuid4().hex[:8]
        try:
            futures = {}
            for key, folder in tasks:
                future = client.submit(grade_on_worker, self.setup_args, self.time_limit, key, folder,
                                       pack_folder(work / folder), key=f"ml-katas-{run_id}-{key}", pure=False)
                futures[future] = key
            for future in distributed.as_completed(futures):
                key = futures[future]
                try:
                    yield Outcome(**future.result())
                except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: the task killed every worker it met
                    yield Outcome(key, "crashed", problem=f"the Dask task failed ({type(exc).__name__}: {exc})")
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
