"""Resource limits and isolation levels of the worker."""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

ISOLATION_LEVELS = ("auto", "bwrap", "process")


class IsolationUnavailable(RuntimeError):
    """The requested isolation level cannot be provided on this machine."""


def _limit(default: int, help: str) -> int:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Limits:
    """Limits of one worker process. The per-call wall-clock timeout is the kata's, or ``--timeout``.

    Every field becomes a ``grade`` option (``cpu_seconds`` -> ``--cpu-seconds``).
    """

    cpu_seconds: int = _limit(600, "CPU seconds one worker may use.")
    memory_mb: int = _limit(4096, "Address space of the worker, in MiB.")
    file_size_mb: int = _limit(16, "Largest file the submission may write, in MiB.")
    tmp_mb: int = _limit(64, "Size of the private /tmp under bwrap, in MiB.")
    open_files: int = _limit(256, "File descriptors the worker may hold open.")
    processes: int = _limit(256, "Processes and threads (of the worker's user) while it runs.")
    output_bytes: int = _limit(4000, "Bytes of the submission's own printing kept per failing check.")
    max_frame_mb: int = _limit(256, "Largest message the worker may send back, in MiB.")

    def as_config(self) -> dict:
        return {
            "cpu_seconds": self.cpu_seconds,
            "memory_mb": self.memory_mb,
            "file_size_mb": self.file_size_mb,
            "open_files": self.open_files,
            "processes": self.processes,
        }


def resolve_isolation(requested: str) -> str:
    """``auto`` becomes ``bwrap`` where bubblewrap works, else ``process``; ``bwrap`` missing is an error."""
    if requested not in ISOLATION_LEVELS:
        raise IsolationUnavailable(f"unknown isolation level {requested!r}; choose one of {', '.join(ISOLATION_LEVELS)}")
    if requested == "process":
        return "process"
    if requested == "bwrap" and not bwrap_works():
        installed = shutil.which("bwrap") is not None
        raise IsolationUnavailable(
            ("bubblewrap is installed but cannot create its namespaces here (a container that forbids them?); "
             if installed else "--isolation bwrap needs bubblewrap on Linux (Debian/Ubuntu: apt-get install bubblewrap); ")
            + "use --isolation process to grade without it"
        )
    return "bwrap" if bwrap_works() else "process"


@functools.lru_cache(maxsize=None)
def bwrap_works() -> bool:
    """Whether bubblewrap is installed and can actually build a sandbox on this machine (probed once)."""
    bwrap = shutil.which("bwrap")
    if not sys.platform.startswith("linux") or bwrap is None:
        return False
    probe = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def describe_isolation(level: str) -> str:
    """The one line saying which isolation level is in force."""
    if level == "bwrap":
        return "isolation: bwrap (own PID namespace, no network, read-only runtime, only the submission visible)"
    return ("isolation: process (a separate process with resource limits; the network is cut where the OS allows; "
            "install bubblewrap for a full sandbox)")
