"""Starting, talking to and killing one worker process."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from graders.sandbox import safefs, wire
from graders.sandbox.cgroups import WorkerCgroup
from graders.sandbox.limits import Limits, bwrap_works
from graders.sandbox.privileges import as_user, worker_python, worker_uid

WORKER_SCRIPT = Path(__file__).with_name("worker.py")
# copied into each run's folder, so the worker needs nothing of the grader's tree: worker.py and the modules it
# imports from beside it (this folder is the engine's public sandbox code; nothing in it is secret)
BOOTSTRAP = tuple(sorted(p.name for p in WORKER_SCRIPT.parent.glob("*.py")))
STARTUP_TIMEOUT = 30.0
REPLY_FACTOR = 64  # a reply may be this many times the size of its request (or Limits.reply_floor_mb)
GRADER_PACKAGES = ("graders", "katas", "reference")


class WorkerGone(Exception):
    """The worker died, hung or broke the protocol; ``kind`` says which, ``message`` says it for a learner."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def prepare_run_dir(run_dir: Path, uid: int | None) -> None:
    """Lay out a run's folder for a worker running as ``uid`` (None: the grader's own user).

    ``run_dir`` (the grader's, from mkdtemp) gets ``bootstrap/`` (worker.py and its modules), ``submission/``
    (the staged copy of what is graded) and ``scratch/`` (the worker's only writable folder, with ``tmp/``).
    Under a dropped uid the worker can read the first two through its group and write only ``scratch/``;
    workers of other gradings (other uids) can enter none of it.
    """
    for name in ("bootstrap", "submission", "scratch"):
        (run_dir / name).mkdir(mode=0o700)
    for name in BOOTSTRAP:
        (run_dir / "bootstrap" / name).write_bytes(WORKER_SCRIPT.with_name(name).read_bytes())
    (run_dir / "scratch" / "tmp").mkdir(mode=0o700)
    if uid is None:
        return
    for path in (run_dir, run_dir / "bootstrap", run_dir / "submission"):
        os.chown(path, 0, uid)
        os.chmod(path, 0o750)
    for name in BOOTSTRAP:
        os.chown(run_dir / "bootstrap" / name, 0, uid)
        os.chmod(run_dir / "bootstrap" / name, 0o640)
    for path in (run_dir / "scratch", run_dir / "scratch" / "tmp"):
        os.chown(path, uid, uid)


class WorkerProcess:
    """One worker: a fresh interpreter running ``worker.py`` under ``limits``, plain or inside bubblewrap.

    ``run_dir`` is laid out by ``prepare_run_dir``. Where the grader is root the worker runs as
    ``privileges.worker_uid()``; under bwrap, bubblewrap itself is started as that uid where it can be.
    """

    def __init__(self, limits: Limits, isolation: str, run_dir: Path) -> None:
        self.limits, self.isolation = limits, isolation
        self.run_dir = run_dir
        self.scratch = run_dir / "scratch"
        self.uid = worker_uid()
        self.proc: subprocess.Popen | None = None
        self.cgroup: WorkerCgroup | None = None
        self.confined: dict = {}  # what the worker said of itself at start: pid, uid, whether it joined its cgroup
        self.next_id = 1
        self._offsets = [0, 0]
        self._out_fds: list[int] = []

    # -- life ----------------------------------------------------------------------
    def start(self) -> None:
        to_child_r, self._w = os.pipe()
        self._r, from_child_w = os.pipe()
        self.cgroup = WorkerCgroup.create(f"ml-katas-{os.getpid()}-{id(self):x}-{self.next_id}", self.limits.processes,
                                          (self.limits.memory_mb + 2 * self.limits.tmp_mb) * 2**20)
        config = {
            "rfd": to_child_r,
            "wfd": from_child_w,
            "limits": self.limits.as_config(),
            "site_dirs": [str(Path(np.__file__).resolve().parent.parent)],
            "leave_network": self.isolation == "process",
            "output_keep": self.limits.output_bytes,
            "cgroup_fd": self.cgroup.procs_fd if self.cgroup else None,
        }
        user = as_user(self.uid)
        root_only = self.isolation == "bwrap" and self.uid is not None and not bwrap_works(self.uid)
        if root_only:  # bubblewrap runs only as root here: the worker leaves root itself, first thing
            user, config["drop_to_uid"], config["chdir"] = {}, self.uid, str(self.scratch)
        python = [worker_python(), "-I", "-S", str(self.run_dir / "bootstrap" / "worker.py"), json.dumps(config)]
        command = self._bwrap_prefix(root_only) + python if self.isolation == "bwrap" else python
        outs = self._output_files()
        try:
            self.proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=outs[0],
                stderr=outs[1],
                pass_fds=(to_child_r, from_child_w, *([self.cgroup.procs_fd] if self.cgroup else [])),
                cwd=self.scratch,
                env=self._environment(),
                start_new_session=True,
                **user,
            )
        finally:
            for fd in outs:
                os.close(fd)
            os.close(to_child_r)
            os.close(from_child_w)
        hello = self._read(time.monotonic() + STARTUP_TIMEOUT, expect_id=0, during="starting up")
        self.confined = {**(hello.get("ok") or {}), "root_only_bwrap": root_only}
        if self.cgroup and not self.confined.get("cgroup"):  # it could not join: rlimits and its uid still hold
            self.cgroup.remove()
            self.cgroup = None

    def _environment(self) -> dict[str, str]:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.scratch),
            "TMPDIR": str(self.scratch / "tmp"),
            "LANG": "C.UTF-8",
            "PYTHONHASHSEED": "0",
            "MPLBACKEND": "Agg",
        }
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):
            env[var] = "1"
        return env

    def _output_files(self) -> list[int]:
        """Fresh files for the worker's stdout and stderr; the grader keeps its own descriptors to read them.

        Reading through descriptors opened here (never by path again) means a worker that replaces the
        files with links or FIFOs changes nothing the grader reads.
        """
        for fd in self._out_fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._out_fds, outs, self._offsets = [], [], [0, 0]
        for name in ("worker.stdout", "worker.stderr"):
            path = self.run_dir / name
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            outs.append(fd)
            self._out_fds.append(os.dup(fd))
        return outs

    def _bwrap_prefix(self, root_only: bool = False) -> list[str]:
        """bubblewrap's arguments. ``root_only``: bwrap must run as root (no unprivileged user namespaces), so it
        makes no user namespace (whose uid would map to root outside) and keeps only CAP_SETUID and CAP_SETGID,
        with which the worker's bootstrap becomes the worker uid, a real unprivileged uid outside too."""
        size = str(self.limits.tmp_mb * 2**20)
        if root_only:
            namespaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                          "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:
            namespaces = ["--unshare-all", "--cap-drop", "ALL"]
        args = ["bwrap", "--die-with-parent", "--new-session", *namespaces,
                "--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", size, "--tmpfs", "/dev/shm",
                "--perms", "1777", "--size", size, "--tmpfs", "/tmp"]
        for system_dir in ("/usr", "/bin", "/lib", "/lib64", "/etc/ld.so.cache", "/etc/localtime"):
            if os.path.exists(system_dir):
                args += ["--ro-bind", system_dir, system_dir]
        # the interpreter's own tree and NumPy's site directory: the worker needs no virtual environment
        runtime = {Path(sys.base_prefix).resolve(), Path(np.__file__).resolve().parent.parent}
        if root_only:  # bwrap as root makes the folders on the way to a mount point private to root: open them
            args += _folders_on_the_way([*runtime, self.run_dir / "bootstrap"], bound=args)
        for path in sorted(runtime):
            args += ["--ro-bind", str(path), str(path)]
        for package in GRADER_PACKAGES:  # an installed (non-editable) copy of the grader must stay invisible
            for root in runtime:
                hidden = root / package
                if hidden.is_dir():
                    args += ["--tmpfs", str(hidden)]
        for name in ("bootstrap", "submission"):
            args += ["--ro-bind", str(self.run_dir / name), str(self.run_dir / name)]
        # root without CAP_DAC_OVERRIDE cannot enter the worker uid's scratch: the worker goes there once it is that uid
        args += ["--bind", str(self.scratch), str(self.scratch), "--chdir", "/" if root_only else str(self.scratch),
                 "--remount-ro", "/dev", "--remount-ro", "/"]  # /dev's own tmpfs has no size: nothing may be written there
        return args + ["--"]

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """Kill the worker and every process it started, including ones that left its session."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            kill_tree(self.proc.pid)
        if self.cgroup is not None:  # anything of the worker's that left its tree is still in its group
            self.cgroup.remove()
            self.cgroup = None
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=5)
        for fd in (self._r, self._w, *self._out_fds):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._out_fds = []
        self.proc = None

    # -- requests ------------------------------------------------------------------
    def request(self, message: dict, buffers: list[bytes], timeout: float) -> tuple[Any, list[memoryview], str]:
        """Send one request; return (reply, buffers, the student's output during it).

        The reply may be at most ``REPLY_FACTOR`` times the size of the request, or ``limits.reply_floor_mb``,
        whichever is larger (and never over ``limits.max_frame_mb``); a larger one is not read: the worker is
        killed and WorkerGone says how much it returned for how much it was given.
        """
        rid = self.next_id
        self.next_id += 1
        try:
            sent = wire.write_frame(self._w, {**message, "id": rid}, buffers)
        except (BrokenPipeError, OSError):
            self._died("before the call")
        limit = min(self.limits.max_frame_mb * 2**20, max(self.limits.reply_floor_mb * 2**20, REPLY_FACTOR * sent))
        try:
            reply = self._read(time.monotonic() + timeout, expect_id=rid, during="the call", limit=limit)
        except wire.FrameTooLarge as exc:
            returned = wire.peek_numbers(self._r, time.monotonic() + 1.0)
            self.kill()
            given = wire.count_numbers([message.get("args"), message.get("kwargs")])
            raise WorkerGone("oversized", _oversized(exc.size, returned, sent, given, self.limits.reply_floor_mb)) from None
        return reply, self._last_buffers, self.take_output()

    def _read(self, deadline: float, expect_id: int, during: str, limit: int | None = None) -> Any:
        """The reply to request ``expect_id``; FrameTooLarge (worker still alive) when it is over ``limit``."""
        try:
            message, buffers = wire.read_frame(self._r, limit or self.limits.reply_floor_mb * 2**20, deadline)
        except wire.WireTimeout:
            self.kill()
            raise WorkerGone("timeout", "timed out") from None
        except EOFError:
            self._died(during)
        except wire.FrameTooLarge:
            if limit is None:
                self.kill()
                raise WorkerGone("protocol", "the worker sent an oversized message while starting up") from None
            raise
        except wire.WireError as exc:
            self.kill()
            raise WorkerGone("protocol", f"the worker sent malformed data ({exc}); did your code write to file descriptors it does not own?") from None
        if type(message) is not dict or message.get("id") != expect_id:
            self.kill()
            raise WorkerGone("protocol", "the worker's reply did not match the request (did your code write to the grader's pipe?)")
        self._last_buffers = buffers
        return message

    def _died(self, during: str) -> None:
        code = self.proc.wait(timeout=5) if self.proc else None
        output = self.take_output()
        self.kill()
        reason = _exit_reason(code)
        raise WorkerGone("crashed", f"the worker process {reason} during {during}" + (f"\n{output}" if output else ""))

    def take_output(self) -> str:
        """The student's stdout/stderr since the last call, truncated."""
        parts = []
        for i, fd in enumerate(self._out_fds):
            try:
                size = os.fstat(fd).st_size
                if size <= self._offsets[i]:
                    continue
                data = os.pread(fd, self.limits.output_bytes + 1, self._offsets[i])
            except OSError:
                continue
            self._offsets[i] = size
            self._empty(i)
            text = printable(data[: self.limits.output_bytes].decode("utf-8", "replace"))
            if len(data) > self.limits.output_bytes:
                text += "\n... (output truncated)"
            parts.append(text)
        return "\n".join(parts)


    def _empty(self, i: int) -> None:
        """Empty output file ``i`` once read, so that printing over many calls never reaches the file size limit
        (the worker appends, so it goes on writing at the new end); through the grader's own descriptor."""
        with contextlib.suppress(OSError):
            os.ftruncate(self._out_fds[i], 0)
            self._offsets[i] = 0


def _folders_on_the_way(destinations: list[Path], bound: list[str]) -> list[str]:
    """bwrap arguments making, searchable by every user, the folders leading to ``destinations`` that are not
    bound from the host (``bound``: the arguments so far) nor inside such a bind (where bwrap must create nothing)."""
    mounted = [Path(bound[i + 2]) for i, a in enumerate(bound) if a in ("--ro-bind", "--bind")]
    args = []
    for folder in sorted({p for d in destinations for p in d.parents if p != Path("/")}, key=lambda p: len(p.parts)):
        if not any(folder == m or m in folder.parents for m in mounted):
            args += ["--perms", "0755", "--dir", str(folder)]
    return args


_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` from a submission with terminal escape sequences and control characters removed.

    Everything a submission wrote (its output, exception messages, class names, file names) is shown on
    an instructor's terminal: cursor moves, window titles and the OSC 52 clipboard must not get there.
    Newlines and tabs are kept.
    """
    return _ANSI.sub("", text.replace("\r\n", "\n"))


def _oversized(size: int, returned: int | None, sent: int, given: int, floor_mb: int) -> str:
    """The learner's sentence for a reply over its bound."""
    what = f"{returned:,} numbers ({size / 2**20:,.0f} MiB)" if returned is not None else f"{size / 2**20:,.0f} MiB"
    return (f"your code returned {what} for arguments holding {given:,} numbers ({sent:,} bytes in all): a call may "
            f"return at most {REPLY_FACTOR} times what it is given, or {floor_mb} MiB whatever it is given, and far "
            "less is what the kata asks for; look at the shape of what you return (an outer product or a "
            "broadcast where an element-wise operation was meant?)")


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "stopped responding"
    if code < 0:
        sig = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        hints = {"SIGKILL": " (killed: out of memory or CPU time?)", "SIGSEGV": " (a crash in native code)",
                 "SIGXCPU": " (CPU time limit)"}
        return f"was killed by {sig}{hints.get(sig, '')}"
    return f"exited with code {code} (os._exit or sys.exit from a thread?)"


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(name))
    return children


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` in the process tree (Linux /proc; empty elsewhere)."""
    if not os.path.isdir("/proc"):
        return set()
    children, found, stack = _children_map(), set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def kill_tree(pid: int) -> None:
    """Freeze ``pid`` and its descendants (so none can fork away), then kill them all."""
    frozen: set[int] = set()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGSTOP)
    for _ in range(20):
        new = descendants(pid) - frozen
        if not new:
            break
        for p in new:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(p, signal.SIGSTOP)
        frozen |= new
    for p in frozen | {pid}:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(p, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    _wait_until_dead(frozen, timeout=5.0)


def _running(pid: int) -> bool:
    """Whether ``pid`` exists and has not exited (a zombie has exited; it only waits to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().decode(errors="replace").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_until_dead(pids: set[int], timeout: float) -> None:
    """SIGKILL is asynchronous: wait until the killed processes are really gone, so none outlives grading."""
    deadline = time.monotonic() + timeout
    while pids and time.monotonic() < deadline:
        pids = {p for p in pids if _running(p)}
        if pids:
            time.sleep(0.005)
