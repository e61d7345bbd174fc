"""Resource limits and isolation levels of the worker."""
from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass

ISOLATION_LEVELS = ("auto", "bwrap", "process")


class IsolationUnavailable(RuntimeError):
    """The requested isolation level cannot be provided on this machine."""


@dataclass(frozen=True)
class Limits:
    """Limits of one worker (the per-call wall-clock timeout is the kata's, or ``--timeout``)."""

    cpu_seconds: int = 600
    memory_mb: int = 4096
    file_size_mb: int = 16
    open_files: int = 256
    processes: int = 64
    output_bytes: int = 4000  # of the student's stdout/stderr kept per call and shown
    max_frame_mb: int = 256

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
    available = sys.platform.startswith("linux") and shutil.which("bwrap") is not None
    if requested == "bwrap" and not available:
        raise IsolationUnavailable(
            "--isolation bwrap needs bubblewrap on Linux (Debian/Ubuntu: apt-get install bubblewrap); "
            "use --isolation process to grade without it"
        )
    return "bwrap" if available else "process"


def describe_isolation(level: str) -> str:
    """The one line saying which isolation level is in force."""
    if level == "bwrap":
        return "isolation: bwrap (own PID namespace, no network, read-only runtime, only the submission visible)"
    return ("isolation: process (a separate process with resource limits; the network is cut where the OS allows; "
            "install bubblewrap for a full sandbox)")
