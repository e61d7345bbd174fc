"""A pool of long-lived grader processes: each task runs under its own time limit, and a grader that
runs over it has its whole process tree killed while the others go on."""
from __future__ import annotations

import collections
import contextlib
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from graders.sandbox.process import kill_tree

SETUP_TIMEOUT = 300.0


@dataclass
class Outcome:
    """How one task ended: ``status`` is ``done`` (``value`` holds the result), ``timeout``, ``crashed`` or ``failed``."""

    key: str
    status: str
    value: Any = None
    problem: str = ""
    seconds: float = 0.0


_BOOT = ("import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
         "from graders.pool import serve; serve(int(sys.argv[2]), int(sys.argv[3]))")


def serve(read_fd: int, write_fd: int) -> None:
    """A grader process: receive ``(setup, setup_args, job)``, set up once, then run ``job(context, payload)`` per task.

    Messages are pickled over two pipes to the parent, which is trusted:
    student code never runs here, only in the sandbox worker this process starts.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    inbox = multiprocessing.connection.Connection(read_fd, writable=False)
    outbox = multiprocessing.connection.Connection(write_fd, readable=False)
    try:
        setup, setup_args, job = inbox.recv()
        try:
            context = setup(*setup_args)
        except Exception:  # noqa: BLE001 - reported to the parent, which stops
            outbox.send(("setup_failed", "", traceback.format_exc()))
            return
        outbox.send(("ready", "", None))
        while (task := inbox.recv()) is not None:
            key, payload = task
            try:
                outbox.send(("done", key, job(context, payload)))
            except BaseException:  # noqa: BLE001 - a grader bug on one task must not stop the others
                outbox.send(("failed", key, traceback.format_exc()))
    except (EOFError, BrokenPipeError):  # the parent is gone: nothing left to do
        return


@dataclass
class _Slot:
    process: subprocess.Popen
    inbox: multiprocessing.connection.Connection  # what the grader process sends
    outbox: multiprocessing.connection.Connection  # what it is sent
    ready: bool = False
    key: str | None = None
    started: float = 0.0


class GraderPool:
    """``jobs`` long-lived grader processes, each set up once with ``setup(*setup_args)``.

    ``run(tasks)`` yields an Outcome per ``(key, payload)`` as tasks finish.
    A task running longer than ``time_limit`` seconds has its process tree
    killed (grader, sandbox worker and anything they started) and its slot
    gets a fresh process; the other tasks are not delayed. ``deadline`` (a
    ``time.monotonic()`` value) bounds the whole run: a task still running
    then is killed, and a task not started is not started; both come out as
    ``timeout``. ``setup`` and ``job`` must be module-level functions (they
    are pickled by name).
    """

    def __init__(self, setup: Callable[..., Any], setup_args: tuple, job: Callable[[Any, Any], Any], jobs: int,
                 time_limit: float | None = None, deadline: float | None = None) -> None:
        self.setup, self.setup_args, self.job = setup, setup_args, job
        self.jobs, self.time_limit, self.deadline = max(1, jobs), time_limit, deadline

    def _start(self) -> _Slot:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            process = subprocess.Popen(  # its own session: a submission signalling its group misses the parent
                [sys.executable, "-c", _BOOT, json.dumps(sys.path), str(to_child_r), str(from_child_w)],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        slot = _Slot(process, multiprocessing.connection.Connection(from_child_r, writable=False),
                     multiprocessing.connection.Connection(to_child_w, readable=False), started=time.monotonic())
        with contextlib.suppress(OSError):  # a process that died at once is reported when its pipe closes
            slot.outbox.send((self.setup, self.setup_args, self.job))
        return slot

    @staticmethod
    def _stop(slot: _Slot) -> None:
        if slot.process.poll() is None:
            kill_tree(slot.process.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            slot.process.wait(5)
        slot.inbox.close()
        slot.outbox.close()

    def _timeout(self, slot: _Slot, now: float) -> float:
        overall = float("inf") if self.deadline is None else self.deadline - now
        if not slot.ready:
            return min(slot.started + SETUP_TIMEOUT - now, overall)
        if slot.key is not None and self.time_limit is not None:
            return min(slot.started + self.time_limit - now, overall)
        return overall if slot.key is not None else float("inf")

    def _past_deadline(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def run(self, tasks: Iterable[tuple[str, Any]]) -> Iterator[Outcome]:
        pending = collections.deque(tasks)
        slots: list[_Slot | None] = [None] * min(self.jobs, len(pending))
        try:
            while pending or any(s is not None and s.key is not None for s in slots):
                while pending and self._past_deadline():
                    yield Outcome(pending.popleft()[0], "timeout", problem="not graded: the time budget ran out first")
                if not pending and not any(s is not None and s.key is not None for s in slots):
                    break
                for i, slot in enumerate(slots):
                    if slot is None and pending:
                        slots[i] = slot = self._start()
                    if slot is not None and slot.ready and slot.key is None and pending:
                        key, payload = pending.popleft()
                        try:
                            slot.outbox.send((key, payload))
                        except OSError:  # the process died while idle: give the task to a fresh one
                            pending.appendleft((key, payload))
                            self._stop(slot)
                            slots[i] = None
                            continue
                        slot.key, slot.started = key, time.monotonic()
                live = [s for s in slots if s is not None]
                now = time.monotonic()
                wait = max(0.0, min(self._timeout(s, now) for s in live))
                ready = multiprocessing.connection.wait([s.inbox for s in live], timeout=min(wait, 60.0))
                for i, slot in enumerate(slots):
                    if slot is None:
                        continue
                    outcome = self._collect(slot) if slot.inbox in ready else self._check_time(slot)
                    if outcome is None:
                        continue
                    if outcome.status in ("timeout", "crashed"):
                        self._stop(slot)
                        slots[i] = None
                    if outcome.key:
                        yield outcome
        finally:
            for slot in slots:
                if slot is None:
                    continue
                if slot.ready and slot.key is None:
                    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                        slot.outbox.send(None)
                        slot.process.wait(5)
                self._stop(slot)

    def run_one(self, key: str, payload: Any) -> Outcome:
        """Run one task on a grader process kept between calls (started on first use, replaced after a task that
        timed out or crashed); for a caller that receives tasks one at a time. ``close()`` ends it."""
        kept = getattr(self, "_kept", None)
        if kept is None:
            kept = self._kept = self._start()
        sent = False
        while True:
            if kept.ready and not sent:
                kept.outbox.send((key, payload))
                kept.key, kept.started, sent = key, time.monotonic(), True
            wait = max(0.0, self._timeout(kept, time.monotonic()))
            ready = multiprocessing.connection.wait([kept.inbox], timeout=min(wait, 60.0))
            outcome = self._collect(kept) if ready else self._check_time(kept)
            if outcome is None or not sent:
                continue
            if outcome.status in ("timeout", "crashed"):
                self.close()
            return outcome

    def close(self) -> None:
        """End the grader process ``run_one`` keeps, if any."""
        kept, self._kept = getattr(self, "_kept", None), None
        if kept is not None:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                kept.outbox.send(None)
                kept.process.wait(5)
            self._stop(kept)

    def _collect(self, slot: _Slot) -> Outcome | None:
        key, seconds = slot.key or "", time.monotonic() - slot.started
        try:
            kind, _, value = slot.inbox.recv()
        except (EOFError, OSError):
            with contextlib.suppress(subprocess.TimeoutExpired):
                slot.process.wait(5)
            code = slot.process.poll()
            if not slot.ready:
                raise RuntimeError(f"a grader process exited while starting (exit code {code})") from None
            slot.key = None
            return Outcome(key, "crashed", problem=f"the grader process died (exit code {code})", seconds=seconds)
        if kind == "setup_failed":
            raise RuntimeError(f"a grader process could not start:\n{value}")
        if kind == "ready":
            slot.ready = True
            return None
        slot.key = None
        if kind == "failed":
            last = value.strip().splitlines()[-1]
            return Outcome(key, "failed", problem=f"grading failed ({last})", value=value, seconds=seconds)
        return Outcome(key, "done", value=value, seconds=seconds)

    def _check_time(self, slot: _Slot) -> Outcome | None:
        if self._timeout(slot, time.monotonic()) > 0:
            return None
        if not slot.ready and not self._past_deadline():
            raise RuntimeError(f"a grader process did not start within {SETUP_TIMEOUT:g} s")
        key, seconds = slot.key or "", time.monotonic() - slot.started
        slot.key = None
        if self._past_deadline():
            problem = "stopped: the time budget ran out while grading it"
        else:
            problem = f"grading took longer than {self.time_limit:g} s and was stopped"
        return Outcome(key, "timeout", seconds=seconds, problem=problem)


