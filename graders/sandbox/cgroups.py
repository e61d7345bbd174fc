"""A control group per worker, where the grader may make one: a bound on processes that holds for any uid.

``RLIMIT_NPROC`` counts the processes of a uid and is ignored for root; a cgroup's ``pids.max`` counts the
tasks (processes and threads) inside the group, whoever they run as. Where the grader is root and finds a
cgroup hierarchy with the pids controller (cgroup v2, or v1's ``pids`` hierarchy), each worker gets a group
of its own with ``pids.max`` (and, on v2 with the memory controller, ``memory.max``, which also counts what
it writes to a tmpfs). The grader opens the group's ``cgroup.procs`` and hands the descriptor to the worker,
whose trusted bootstrap writes itself there before anything else (inside bwrap too, where ``/sys`` is not
visible) and closes it. Afterwards the grader kills whatever is left in the group and removes it.

Where none of this is possible (not root, cgroup v2 without a delegated pids controller, no cgroup file
system) ``WorkerCgroup.create`` returns None and the worker is bounded by rlimits and its own uid.
"""
from __future__ import annotations

import contextlib
import functools
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from graders.sandbox.privileges import grader_is_root


def _mounts() -> list[tuple[str, str, str, str]]:
    """(file system type, mount point, root of the mount, super options) of every cgroup mount."""
    found = []
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/mountinfo").read_text().splitlines():
            left, _, right = line.partition(" - ")
            fields, tail = left.split(), right.split()
            if len(fields) >= 5 and len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
                found.append((tail[0], fields[4], fields[3], tail[2]))
    return found


def _own_groups() -> dict[str, str]:
    """This process's cgroup path per controller list (``""`` for v2) from /proc/self/cgroup."""
    groups = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            groups[controllers] = path
    return groups


def _under(mount_point: str, mount_root: str, path: str) -> Path | None:
    """Where ``path`` (as /proc/self/cgroup names it) lies below a mount of that hierarchy, if it does."""
    root = mount_root.rstrip("/")
    if path != root and not path.startswith(root + "/"):
        return None
    return Path(mount_point) / path[len(root):].lstrip("/")


def candidate_parents() -> list[tuple[int, Path]]:
    """(cgroup version, folder) where a worker's group could be made, best first.

    v2: the nearest folder from this process's own group upwards whose ``cgroup.subtree_control`` enables
    ``pids`` (its children then have ``pids.max``). v1: this process's group in the ``pids`` hierarchy.
    """
    groups, parents = _own_groups(), []
    for kind, point, root, options in _mounts():
        if kind == "cgroup2" and "" in groups:
            folder = _under(point, root, groups[""])
            while folder is not None and str(folder).startswith(point):
                with contextlib.suppress(OSError):
                    if "pids" in (folder / "cgroup.subtree_control").read_text().split():
                        parents.insert(0, (2, folder))
                        break
                folder = folder.parent if folder != Path(point) else None
        elif kind == "cgroup" and "pids" in options.split(","):
            path = next((p for c, p in groups.items() if "pids" in c.split(",")), None)
            folder = _under(point, root, path) if path is not None else None
            if folder is not None:
                parents.append((1, folder))
    return parents


@dataclass
class WorkerCgroup:
    """One worker's control group; ``procs_fd`` (open on its ``cgroup.procs``) is what the worker joins through."""

    path: Path
    version: int
    procs_fd: int

    @classmethod
    def create(cls, name: str, processes: int, memory_bytes: int = 0) -> "WorkerCgroup | None":
        """A new group ``name`` with ``pids.max = processes`` (and ``memory.max`` on v2), or None where
        the grader cannot make one."""
        if not grader_is_root():
            return None
        for version, parent in candidate_parents():
            _sweep_once(version, parent)
            path = parent / name
            try:
                path.mkdir(mode=0o755)  # its limits readable by all, writable by root
            except OSError:
                continue
            try:
                (path / "pids.max").write_text(str(processes))
                if version == 2 and memory_bytes and (path / "memory.max").exists():
                    (path / "memory.max").write_text(str(memory_bytes))
                    with contextlib.suppress(OSError):
                        (path / "memory.swap.max").write_text("0")
                fd = os.open(path / "cgroup.procs", os.O_WRONLY | os.O_CLOEXEC)
            except OSError:
                with contextlib.suppress(OSError):
                    path.rmdir()
                continue
            return cls(path, version, fd)
        return None

    def tasks(self) -> int:
        """How many tasks the group holds now (0 once it is gone)."""
        try:
            return int((self.path / "pids.current").read_text())
        except (OSError, ValueError):
            return 0

    def limit(self) -> str:
        """The group's ``pids.max`` as written."""
        return (self.path / "pids.max").read_text().strip()

    def remove(self, timeout: float = 5.0) -> None:
        """Kill every process left in the group, then remove it (within ``timeout`` seconds)."""
        with contextlib.suppress(OSError):
            os.close(self.procs_fd)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._kill_members()
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.01)

    def _kill_members(self) -> None:
        """SIGKILL every process in the group (``cgroup.kill`` where v2 has it)."""
        if self.version == 2 and (self.path / "cgroup.kill").exists():
            with contextlib.suppress(OSError):
                (self.path / "cgroup.kill").write_text("1")
            return
        with contextlib.suppress(OSError):
            for pid in (self.path / "cgroup.procs").read_text().split():
                with contextlib.suppress(OSError, ValueError):
                    os.kill(int(pid), signal.SIGKILL)


@functools.lru_cache(maxsize=None)
def _sweep_once(version: int, parent: Path) -> None:
    """Remove the groups ``ml-katas-<pid>-...`` of graders that are gone (killed before they could remove them)."""
    with contextlib.suppress(OSError):
        for path in parent.glob("ml-katas-*-*"):
            pid = path.name.split("-")[2]
            if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
                WorkerCgroup(path, version, -1).remove(timeout=1.0)
