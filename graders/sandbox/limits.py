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
    reply_floor_mb: int = _limit(16, "Largest reply to any call whatever it was given, in MiB (a call may also "
                                     "return 64 times the size of what it was given, up to --max-frame-mb).")

    def as_config(self) -> dict:
        return {
            "cpu_seconds": self.cpu_seconds,
            "memory_mb": self.memory_mb,
            "file_size_mb": self.file_size_mb,
            "open_files": self.open_files,
            "processes": self.processes,
        }


def resolve_isolation(requested: str) -> str:
    """``auto`` becomes ``bwrap`` where bubblewrap works, else ``process``; ``bwrap`` missing is an error.

    Where the grader is root, every level runs the worker under an unprivileged uid; where that is
    impossible (no CAP_SETUID, or the Python runtime is private to root), no level is safe: IsolationUnavailable.
    """
    from graders.sandbox.privileges import can_drop_privileges, grader_is_root, worker_python

    if requested not in ISOLATION_LEVELS:
        raise IsolationUnavailable(f"unknown isolation level {requested!r}; choose one of {', '.join(ISOLATION_LEVELS)}")
    if grader_is_root() and not can_drop_privileges():
        raise IsolationUnavailable(
            "the grader runs as root but cannot start the worker as an unprivileged user (the container forbids "
            f"setuid, or {worker_python()} or NumPy is not readable by other users): refusing to run submissions as root; "
            "grade as an ordinary user, or install Python where every user can run it")
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
def bwrap_works(uid: int | None = None) -> bool:
    """Whether bubblewrap is installed and can build a sandbox here (probed once), started as ``uid`` if given."""
    from graders.sandbox.privileges import as_user

    bwrap = shutil.which("bwrap")
    if not sys.platform.startswith("linux") or bwrap is None:
        return False
    probe = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=10, cwd="/", **as_user(uid)).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def bwrap_unavailable_reason() -> str:
    """Why ``auto`` did not choose bwrap, in a few words."""
    if not sys.platform.startswith("linux"):
        return "bubblewrap needs Linux"
    if shutil.which("bwrap") is None:
        return "bubblewrap is not installed"
    return "bubblewrap cannot create namespaces here (a container that forbids them)"


def describe_isolation(level: str, requested: str = "auto") -> str:
    """The one line saying which isolation level is in force, as whom the worker runs, and why."""
    from graders.sandbox.privileges import worker_uid

    uid = worker_uid()
    user = f"the worker runs as uid {uid}, not root" if uid is not None else "the worker runs as your user"
    if level == "bwrap":
        if uid is not None and not bwrap_works(uid):
            user = f"bubblewrap runs only as root here: the worker leaves root for uid {uid} before your code runs"
        return f"isolation: bwrap (own PID namespace, no network, read-only runtime, only the submission visible; {user})"
    why = "chosen with --isolation process" if requested == "process" else f"bwrap unavailable: {bwrap_unavailable_reason()}"
    if uid is not None:
        return (f"isolation: process ({why}; running as uid {uid} with rlimits: it cannot read files private to "
                "root nor write outside its scratch folder)")
    return (f"isolation: process ({why}; {user} with rlimits: it can read and write what you can; "
            "install bubblewrap for a full sandbox)")
