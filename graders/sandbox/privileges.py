"""Who the worker runs as, and what it must not see.

Where the grader runs as root, the worker never does: it runs under a
dedicated unprivileged uid (and a gid of the same number, no supplementary
groups). Each grader process has its own uid, ``WORKER_UID_BASE + pid``, so
two submissions graded at the same time (``grade batch -j 2``) cannot signal,
trace or read each other. Where the grader is not root, the worker runs as
the grader's own user (SECURITY.md says what that does not protect).

Secrets the grader holds (the grading seed) are scrubbed from what other
processes can read of it: ``/proc/<pid>/environ`` and ``/proc/<pid>/cmdline``.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import stat
import subprocess
import sys
from pathlib import Path

WORKER_UID_BASE = 1_500_000_000  # far above the uids of real users and of common user-namespace ranges


def grader_is_root() -> bool:
    """Whether this process has uid 0 (the worker must then drop to an unprivileged uid)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def worker_uid() -> int | None:
    """The uid (and gid) this grader process's worker runs as; None where the grader is not root."""
    return WORKER_UID_BASE + os.getpid() if grader_is_root() else None


def worker_python() -> str:
    """The interpreter the worker runs: this one's real file, not a virtual environment's link to it.

    The worker starts with ``-I -S`` and is given its site directories explicitly, so it needs no
    virtual environment; the link may sit in a folder the worker's uid cannot enter.
    """
    return os.path.realpath(sys.executable)


def as_user(uid: int | None) -> dict:
    """``subprocess.Popen`` keywords that start the child as ``uid`` (gid the same, no other groups)."""
    return {} if uid is None else {"user": uid, "group": uid, "extra_groups": []}


@functools.lru_cache(maxsize=None)
def can_drop_privileges() -> bool:
    """Whether this root process can start a worker under an unprivileged uid: setuid is allowed (CAP_SETUID,
    CAP_SETGID) and that uid can run the interpreter and import NumPy."""
    uid = worker_uid()
    if uid is None:
        return True
    import numpy

    site = os.path.dirname(os.path.dirname(os.path.realpath(numpy.__file__)))
    code = (f"import os, sys; sys.path.append({site!r}); import numpy; "
            f"sys.exit(0 if os.getresuid() + os.getresgid() == ({uid},) * 6 else 1)")
    try:
        return subprocess.run([worker_python(), "-I", "-S", "-c", code], capture_output=True, timeout=30,
                              **as_user(uid)).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


_PROBE = """
import os, sys
found = []
for line in sys.stdin.read().splitlines():
    mode, path = line[0], line[2:]
    try:
        if mode == "r":
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            if os.path.isdir(path):
                os.listdir(path)
            os.close(fd)
        else:
            name = os.path.join(path, ".ml-katas-probe")
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.unlink(name)
        found.append(line)
    except OSError:
        pass
print("\\n".join(found))
"""


def reachable_as(uid: int, readable: list[Path] = (), writable: list[Path] = ()) -> list[str]:
    """What a process running as ``uid`` can read (of ``readable``) and create files in (of ``writable``).

    Tried for real in a child process running as ``uid``; each hit is returned as ``"r PATH"`` or ``"w PATH"``.
    """
    lines = [f"r {p}" for p in readable] + [f"w {p}" for p in writable]
    try:
        proc = subprocess.run([worker_python(), "-I", "-S", "-c", _PROBE], input="\n".join(lines), text=True,
                              capture_output=True, timeout=60, cwd="/", **as_user(uid))
    except (OSError, subprocess.SubprocessError):
        return lines  # fail closed: an unknown answer counts as reachable
    if proc.returncode != 0:
        return lines
    return [line for line in proc.stdout.splitlines() if line]


def protect(paths: list[Path]) -> None:
    """Make ``paths`` (files or folders) readable and writable by their owner only."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            mode = os.lstat(path).st_mode
            if not stat.S_ISLNK(mode):
                os.chmod(path, stat.S_IMODE(mode) & 0o700)


# -- secrets -------------------------------------------------------------------------------------


def _proc_self_ranges() -> list[tuple[int, int]]:
    """The memory ranges of this process's command line and environment (what /proc/<pid>/cmdline shows)."""
    with open("/proc/self/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    # after the command name: state is field 3; arg_start..env_end are fields 48-51 (man 5 proc)
    arg_start, arg_end, env_start, env_end = (int(fields[i - 3]) for i in (48, 49, 50, 51))
    return [(arg_start, arg_end), (env_start, env_end)]


def scrub_secret(secret: str, env_var: str | None = None) -> bool:
    """Remove ``secret`` from what other processes can read of this one; ``env_var`` is also unset.

    In this process's original command line and environment block (what ``/proc/<pid>/cmdline`` and
    ``/proc/<pid>/environ`` show), every argument that is ``secret`` or ends in ``=secret`` has the secret
    overwritten with ``*``, so that a worker running as the same user, or a process started later, cannot
    read it there. Returns whether it was found.
    """
    if env_var:
        os.environ.pop(env_var, None)
    if not secret or not sys.platform.startswith("linux"):
        return False
    needle, found = secret.encode(), False
    try:
        ranges = _proc_self_ranges()
    except (OSError, ValueError, IndexError):
        return False
    for start, end in ranges:
        if not 0 < start < end or end - start > 2**24:
            continue
        offset = 0
        for item in ctypes.string_at(start, end - start).split(b"\0"):
            if item == needle or item.endswith(b"=" + needle):
                ctypes.memset(start + offset + len(item) - len(needle), ord("*"), len(needle))
                found = True
            offset += len(item) + 1
    return found
