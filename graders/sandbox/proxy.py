"""The grader's side of the boundary: a Sandbox owning the worker, and proxies to student code.

``Submission`` stands for one student module: ``sub.affine_forward(x, w, b)``
sends the call to the worker and returns the plain data that came back.
Objects that are not plain data stay in the worker; the grader gets a
``Handle`` it can call, read attributes from, use with Python operators, or
pass back as an argument.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graders.describe import describe_call
from graders.inplace import InPlaceLog
from graders.sandbox import safefs, wire
from graders.sandbox.limits import Limits
from graders.sandbox.privileges import worker_uid
from graders.sandbox.process import WorkerGone, WorkerProcess, prepare_run_dir, printable

MAX_STAGED_FILES = 2000
MAX_STAGED_BYTES = 64 * 2**20
SKIPPED_NAMES = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints", ".hypothesis", "node_modules"}


class SubmissionAbort(BaseException):
    """Stops a check at once (hypothesis does not retry or shrink it): not started, missing, hung, crashed.

    A BaseException on purpose: hypothesis only catches Exception, so these
    end the check instead of being shrunk through hundreds of slow retries.
    """

    status = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotStarted(SubmissionAbort):
    status = "not_started"


class MissingName(SubmissionAbort):
    status = "missing"


class CallTimeout(SubmissionAbort):
    status = "timeout"


class WorkerCrashed(SubmissionAbort):
    status = "crashed"


class OutOfTime(SubmissionAbort):
    """The grading run's overall time budget is spent: the call in progress and every check left stop."""

    status = "timeout"


class NotRun(SubmissionAbort):
    """A call that was not made, because an earlier call of the same function in this kata timed out."""

    status = "timeout"


class LoadFailed(SubmissionAbort):
    status = "error"


class ForbiddenUse(SubmissionAbort):
    status = "forbidden"


class NumericalGradient(SubmissionAbort):
    """A backward pass computed its gradient numerically (finite differences, complex step) instead of deriving it."""

    status = "forbidden"


def numerical_gradient_message(err: dict) -> str:
    """The learner's sentence for the worker's report on a backward pass that looked numerical (plain data)."""
    backward = str(err.get("backward", "your backward pass"))[:80]
    calls = err.get("calls") if type(err.get("calls")) is dict else {}
    calls = {str(k)[:80]: v for k, v in calls.items() if type(v) is int}
    allowed = err.get("allowed") if type(err.get("allowed")) is int else 0
    derive = (" This kata is about deriving the gradient: work it out with the chain rule from what the forward "
              "pass saved in its cache, and compute it directly (no gradient points until then).")
    forward, times = max(calls.items(), key=lambda item: item[1], default=("", 0))
    if times > allowed:
        return (f"your {backward} calls {forward} {times} times: that is differentiating the forward pass "
                f"numerically (a backward pass may call it once, to recompute a cache).{derive}")
    if err.get("complex_step"):
        return (f"your {backward} calls {str(err['complex_step'])[:80]} on complex inputs with a tiny imaginary "
                f"part: that is the complex-step trick, a numerical derivative.{derive}")
    if err.get("perturbed"):
        return (f"your {backward} calls {str(err['perturbed'])[:80]} again on a tiny perturbation of its previous "
                f"inputs: that is a finite-difference gradient, not a derived one.{derive}")
    why = str(err.get("tampered", ""))[:200] or "the grader could not watch it"
    return (f"your {backward} switched off what the grader uses to watch backward passes ({why}); "
            "leave sys.settrace, sys.setprofile and threads alone.")


class StudentError(Exception):
    """The student's code raised an exception; the message says which, and where in their file.

    ``exc_type`` is the name of the exception's class (``"ValueError"``), for checks that
    expect the student's code to raise.
    """

    def __init__(self, message: str, exc_type: str = "") -> None:
        super().__init__(message)
        self.exc_type = exc_type


class WireMisuse(TypeError):
    """A check tried to send something that is not plain data (a kata author's mistake)."""


@dataclass
class LineCount:
    """The lines of the student's own Python code that ran inside a ``count_lines`` block.

    ``tampered`` is True when their code replaced or switched off the line tracer
    (``sys.settrace``, a frame's ``f_trace``) or left a thread running, so that
    ``lines`` cannot be trusted; ``why`` says which.
    """

    lines: int = 0
    tampered: bool = False
    why: str = ""  # what the worker saw when ``tampered``


@dataclass
class LoadResult:
    ok: bool
    names: list[str] = field(default_factory=list)
    error: SubmissionAbort | None = None


@dataclass(frozen=True)
class Raised:
    """In a transcript: the call raised an exception of class ``type`` with ``message``."""

    type: str
    message: str = ""


class Sandbox:
    """The worker for one grading run: started lazily, restarted after a crash, modules reloaded."""

    def __init__(self, limits: Limits, isolation: str, run_dir: Path) -> None:
        self.limits, self.isolation, self.run_dir = limits, isolation, run_dir
        self.worker: WorkerProcess | None = None
        self.staged_from: Path | None = None
        self.sources: dict[str, bytes] = {}  # staged file -> its bytes, as the grader copied them
        self._scratch_fd: int | None = None
        self._owns_run_dir = False  # for_folder() made the run folder: close() removes it
        self.deadline: float | None = None  # time.monotonic() when the run's budget is spent
        self.budget = 0.0  # that budget, in seconds, for messages
        self.generation = 0
        self.modules: dict[str, tuple[str, list, dict, dict | None]] = {}
        self.last_call = ""
        self.output: list[str] = []
        self.call_timeout = 5.0  # seconds one call may take; the runner sets it per kata
        self.counting: LineCount | None = None  # set inside count_lines()
        self.inplace = InPlaceLog()  # the arguments calls changed in place, per kata
        self.transcript: list[tuple[str, Any]] | None = None  # while a list: (call, value or Raised) of each reply
        self.returned: list[tuple[str, Any]] = []  # (call as shown, value) of each call of the current example
        # (call as shown, its first floating-point errors as FloatError) of each call of the current example that had any
        self.float_errors: list[tuple[str, list[FloatError]]] = []
        self.check_number = 0  # which check of the kata is running (1-based); the runner sets it
        self.hung: dict[tuple[str, str], str] = {}  # (module, function) -> why its calls are not run any more
        self.shown: dict[str, str] = {}  # a loaded file's path in the worker -> how messages name it

    @classmethod
    def for_folder(cls, folder: Path, limits: Limits, isolation: str) -> "Sandbox":
        """A sandbox of its own with ``folder`` staged, for tools and benches; ``close()`` removes its run folder."""
        import tempfile

        run_dir = Path(tempfile.mkdtemp(prefix="ml-katas-"))
        prepare_run_dir(run_dir, worker_uid())
        sandbox = cls(limits, isolation, run_dir)
        sandbox._owns_run_dir = True
        sandbox.stage(folder)
        return sandbox

    @property
    def scratch(self) -> Path:
        return self.run_dir / "scratch"

    def scratch_fd(self) -> int:
        """A descriptor of the scratch folder, opened once: what the worker later puts at its path is not followed."""
        if self._scratch_fd is None:
            self._scratch_fd = safefs.open_folder(self.scratch)
        return self._scratch_fd

    def stage(self, submission: Path) -> None:
        """Copy what is graded into the run's ``submission/`` folder: the worker sees that copy and nothing else.

        A file is copied alone (its classmates beside it stay invisible); a folder with its regular files
        (links, FIFOs, devices, hidden and cache folders left out). Raises safefs.UnsafePath when it is too large.
        """
        self.scratch_fd()  # before any student code runs
        dest = self.run_dir / "submission"
        source = Path(submission)
        self.staged_from = source
        if source.is_dir():
            skip = lambda name: name.startswith(".") or name in SKIPPED_NAMES  # noqa: E731
            copied = safefs.copy_files(source, dest, MAX_STAGED_FILES, MAX_STAGED_BYTES, skip)
        else:
            folder = safefs.open_folder(source.parent)
            try:
                copied = {source.name: safefs.read_file(folder, source.name, MAX_STAGED_BYTES)}
            except FileNotFoundError:
                copied = {}
            finally:
                os.close(folder)
            for name, data in copied.items():
                (dest / name).write_bytes(data)
        self.sources = {str(dest / name): data for name, data in copied.items()}

    def staged(self, file: Path) -> Path | None:
        """Where the worker sees ``file`` (a file of the staged submission); None when it was not staged."""
        if self.staged_from is None:
            return None
        source = self.staged_from
        rel = Path(file.name) if not source.is_dir() else Path(os.path.relpath(file, source))
        path = self.run_dir / "submission" / rel
        return path if str(path) in self.sources else None

    def _ensure_worker(self) -> WorkerProcess:
        if self.worker is None or not self.worker.alive:
            if self.worker is not None:
                self.worker.kill()
            self.worker = WorkerProcess(self.limits, self.isolation, self.run_dir)
            self.generation += 1
            try:
                self.worker.start()
            except WorkerGone as exc:
                self.worker.kill()
                raise WorkerCrashed(f"the grading worker could not start: {exc}") from None
            for name, (path, imports, names, passes) in self.modules.items():
                self._send({"op": "load", "name": name, "path": path, "imports": imports, "names": names,
                            "passes": passes}, [], 30.0, reloading=True)
        return self.worker

    def close(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker = None
        if self._scratch_fd is not None:
            os.close(self._scratch_fd)
            self._scratch_fd = None
        if self._owns_run_dir:
            safefs.remove_tree(self.run_dir)

    # -- requests ------------------------------------------------------------------
    def load(self, name: str, path: Path, imports: tuple[str, ...], names: dict[str, str], shown_as: str,
             passes: dict[str, list[str]] | None = None) -> LoadResult:
        """Import the submission file ``path`` as module ``name`` in the worker.

        ``passes`` (``{"forward": [...], "backward": [...]}``, from ``Kata.passes``) names the functions whose
        calls the worker watches for gradients computed numerically instead of derived.
        """
        self.modules.pop(name, None)
        self.inplace.forget(name)
        self.forget_hung(name)
        self.shown[str(path)] = shown_as
        self.last_call = f"importing {shown_as}"
        message = {"op": "load", "name": name, "path": str(path), "imports": list(imports), "names": dict(names),
                   "passes": passes}
        try:
            reply = self._send(message, [], max(self.call_timeout, 10.0))
        except SubmissionAbort as exc:
            return LoadResult(False, error=exc)
        if "err" in reply:
            return LoadResult(False, error=_load_error(reply["err"], shown_as, self.shown))
        self.modules[name] = (str(path), list(imports), dict(names), passes)
        return LoadResult(True, names=list(reply["ok"]) if type(reply["ok"]) is list else [])

    def reset(self) -> None:
        """Forget every handle (between checks); a dead worker is left for the next call to restart."""
        self.output.clear()
        if self.worker is not None and self.worker.alive:
            try:
                self._send({"op": "reset"}, [], 5.0)
            except SubmissionAbort:
                pass
        self.generation += 1

    def call(self, module: str, target: dict, args: tuple, kwargs: dict, label: str, timeout: float) -> Any:
        buffers: list[bytes] = []
        try:
            enc_args = wire.encode(list(args), buffers, self._encode_handle)
            enc_kwargs = wire.encode(dict(kwargs), buffers, self._encode_handle)
        except wire.WireError as exc:
            raise WireMisuse(f"cannot send this argument to the student's code: {exc}") from None
        self.last_call = describe_call(label, args, kwargs)
        message = {"op": "call", "module": module, "target": target, "args": enc_args, "kwargs": enc_kwargs}
        with self._remember_hang(module, label, timeout):
            reply = self._send(self._counted(message), buffers, timeout)
        result = self._result(reply, label, module)
        self.inplace.record(module, label, reply.get("changed"), self.last_call)
        return result

    @contextlib.contextmanager
    def _remember_hang(self, module: str, label: str, timeout: float) -> Iterator[None]:
        """Refuse at once a call of a function that already timed out in this kata; remember one that times out."""
        note = self.hung.get((module, label))
        if note is not None:
            raise NotRun(note)
        try:
            yield
        except CallTimeout:
            self.hung[(module, label)] = (f"not run: {label} did not return within {timeout:g} s "
                                          f"in check {self.check_number}")
            raise

    def forget_hung(self, module: str) -> None:
        """Give every function of ``module`` another chance (a new file was loaded)."""
        self.hung = {key: note for key, note in self.hung.items() if key[0] != module}

    def getattr(self, handle: "Handle", name: str, module: str, timeout: float) -> Any:
        self._check_fresh(handle)
        self.last_call = f"<{handle._type}>.{name}"
        reply = self._send(self._counted({"op": "getattr", "module": module, "handle": handle._id, "name": name}),
                           [], timeout)
        return self._result(reply, f".{name}", module)

    def operator(self, name: str, args: tuple, module: str, timeout: float) -> Any:
        buffers: list[bytes] = []
        enc = wire.encode(list(args), buffers, self._encode_handle)
        self.last_call = f"operator {name}"
        message = {"op": "operator", "module": module, "name": name, "args": enc}
        return self._result(self._send(self._counted(message), buffers, timeout), name, module)

    def _counted(self, message: dict) -> dict:
        if self.counting is not None:
            message["count_lines"] = True
        return message

    def out_of_time(self) -> OutOfTime | None:
        """The error to stop with when the run's budget is spent, else None."""
        if self.deadline is None or time.monotonic() < self.deadline:
            return None
        return OutOfTime(f"grading ran out of time: a whole run may take {self.budget:g} s (--budget) and that is "
                         "spent, so this check was stopped and the ones after it were not run; your code is too slow "
                         "(look for Python loops over the data)")

    def _send(self, message: dict, buffers: list[bytes], timeout: float, reloading: bool = False) -> dict:
        capped = False
        if self.deadline is not None:
            if (spent := self.out_of_time()) is not None:
                raise spent
            remaining = self.deadline - time.monotonic()
            capped, timeout = remaining < timeout, min(timeout, remaining)
        worker = self._ensure_worker()
        try:
            reply, self._buffers, output = worker.request(message, buffers, timeout)
        except WorkerGone as exc:
            if exc.kind == "timeout" and capped:
                raise self.out_of_time() or OutOfTime("grading ran out of time") from None
            if exc.kind == "timeout":
                raise CallTimeout(f"{self.last_call or 'the call'} did not return within {timeout:g} s "
                                  "(an infinite loop, or input() waiting for keyboard input?)") from None
            raise WorkerCrashed(f"{self.last_call or 'your code'}: {exc}") from None
        if output:
            self.output.append(output)
        dropped = _dropped_output(reply.get("printed"))
        if dropped:
            self.output.append(dropped)
        if self.counting is not None and message.get("count_lines"):
            self._add_lines(reply.get("lines"))
        errors = float_errors(reply.get("float_errors"), self.shown)
        if errors:
            self.float_errors.append((self.last_call, errors))
        if reloading and "err" in reply:
            raise LoadFailed(printable(str(reply["err"].get("message", "reloading the submission failed"))))
        return reply

    def _add_lines(self, lines: Any) -> None:
        count = lines.get("count") if type(lines) is dict else None
        if type(count) is not int or count < 0 or lines.get("tampered") is not False:
            self.counting.tampered = True  # fail closed: a missing or odd count is not trusted
            why = lines.get("why") if type(lines) is dict else None
            self.counting.why = self.counting.why or (why[:200] if type(why) is str else "")
            return
        self.counting.lines += count

    def _result(self, reply: dict, label: str, module: str) -> Any:
        if "err" in reply:
            error = _call_error(reply["err"], label, self.last_call, self.shown)
            if self.transcript is not None and type(reply["err"]) is dict:
                err = reply["err"]
                message = str(err.get("message", "")).replace(str(self.scratch), "<scratch>")  # each worker has its own
                self.transcript.append((label, Raised(str(err.get("type", "")), message)))
            raise error
        if "ok" not in reply:
            raise WorkerCrashed("the worker's reply was malformed")
        generation = self.generation
        try:
            value = wire.decode(reply["ok"], self._buffers, lambda ref: Handle(self, ref, generation, module))
        except wire.WireError as exc:
            self.close()
            raise WorkerCrashed(f"{self.last_call}: the value your code returned could not be read safely ({exc})") from None
        if self.transcript is not None:
            self.transcript.append((label, value))
        self.returned.append((self.last_call, value))
        return value

    def _encode_handle(self, value: Any) -> dict:
        if isinstance(value, Handle):
            self._check_fresh(value)
            return {"$handle": value._id}
        raise wire.WireError(f"cannot send a {type(value).__name__}")

    def _check_fresh(self, handle: "Handle") -> None:
        if handle._sandbox is not self or handle._generation != self.generation:
            raise WorkerCrashed("an object from an earlier call is gone (the worker was restarted)")


@dataclass(frozen=True)
class FloatError:
    """A floating-point error in the submission's code: ``kind`` (``divide``, ``overflow``, ``invalid``),
    where (``file`` as messages name it, ``line``) and the source line ``code``."""

    kind: str
    file: str
    line: int
    code: str


def float_errors(reported: Any, shown: dict[str, str]) -> list[FloatError]:
    """The worker's ``float_errors`` report (see fperrors.py) as FloatErrors; anything malformed is dropped."""
    if type(reported) is not list:
        return []
    found = []
    for record in reported[:3]:
        if (type(record) is dict and record.get("kind") in ("divide", "overflow", "invalid")
                and type(record.get("file")) is str and type(record.get("line")) is int
                and type(record.get("code")) is str):
            found.append(FloatError(record["kind"], printable(_frame_file(record["file"][:500], shown)),
                                    record["line"], printable(record["code"][:160])))
    return found


def _dropped_output(printed: Any) -> str:
    """The sentence for a call that printed more than is kept (the worker dropped the rest)."""
    if type(printed) is not dict or type(printed.get("dropped")) is not int or printed["dropped"] <= 0:
        return ""
    total = printed["dropped"] + (printed.get("kept") if type(printed.get("kept")) is int else 0)
    size = f"{total / 2**20:.1f} MiB" if total >= 2**20 else f"{total:,} characters"
    return (f"(your code printed {size} during this call; the first {total - printed['dropped']:,} characters "
            "are kept, the rest was dropped; it is still graded on what it returned)")


def _frame_file(filename: str, shown: dict[str, str]) -> str:
    """How a frame's file is named: as the submission is shown, else relative to the current folder."""
    if filename in shown:
        return shown[filename]
    try:
        return str(Path(filename).relative_to(Path.cwd().resolve()))
    except ValueError:
        return filename


def _where_text(where: Any, shown: dict[str, str] | None = None) -> str:
    """The learner's frames, innermost last, as ``student/lstm.py:42: code`` lines editors make clickable."""
    if type(where) is not list:
        return ""
    lines = []
    for frame in where[-3:]:
        if type(frame) is list and len(frame) == 3:
            lines.append(printable(f"  {_frame_file(str(frame[0]), shown or {})}:{frame[1]}: {str(frame[2])[:160]}"))
    return ("\n" + "\n".join(lines)) if lines else ""


def _call_error(err: Any, label: str, call: str, shown: dict[str, str] | None = None) -> BaseException:
    if type(err) is not dict:
        return WorkerCrashed("the worker's error report was malformed")
    kind, message = err.get("kind"), printable(str(err.get("message", ""))[:4000])
    where = _where_text(err.get("where"), shown)
    if kind == "not_implemented":
        return NotStarted(f"{label} raises NotImplementedError: not started yet")
    if kind == "missing":
        return MissingName(f"your file defines no `{message}`")
    if kind == "forbidden":
        return ForbiddenUse(message)
    if kind == "numerical_gradient":
        return NumericalGradient(numerical_gradient_message(err))
    if kind == "exit":
        return SubmissionAbort(message)
    if kind == "stale":
        return WorkerCrashed(message)
    return StudentError(f"{call} raised {message}{where}", exc_type=printable(str(err.get("type", ""))[:80]))


def _load_error(err: Any, shown_as: str, shown: dict[str, str] | None = None) -> SubmissionAbort:
    if type(err) is not dict:
        return LoadFailed(f"{shown_as} could not be loaded")
    kind, message = err.get("kind"), printable(str(err.get("message", ""))[:2000])
    if kind == "syntax":
        text = printable(f": {err.get('text')}") if err.get("text") else ""
        return LoadFailed(f"{shown_as} has a syntax error on line {err.get('line')} ({message}){text}")
    if kind == "not_implemented":
        return NotStarted(f"{shown_as} raises NotImplementedError when imported: not started yet")
    if kind == "forbidden":
        return ForbiddenUse(f"{shown_as}: {message}")
    where = _where_text(err.get("where"), shown)
    return LoadFailed(f"{shown_as} failed to import: {message}{where}")


class Handle:
    """An object that lives in the worker: call it, read its attributes, use operators, pass it back."""

    __slots__ = ("_sandbox", "_id", "_type", "_callable", "_generation", "_module", "_methods")

    def __init__(self, sandbox: Sandbox, ref: dict, generation: int, module: str) -> None:
        self._sandbox, self._id, self._generation, self._module = sandbox, ref["$handle"], generation, module
        self._type = printable(str(ref.get("type", "object"))[:80])
        self._callable = bool(ref.get("callable"))
        methods = ref.get("methods")
        self._methods = frozenset(m for m in methods if type(m) is str and m.isidentifier()) \
            if type(methods) is list else frozenset()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in self._methods:
            return RemoteMethod(self, name)
        return self._sandbox.getattr(self, name, self._module, self._sandbox.call_timeout)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        label = f"{self._type}(...)" if not self._callable else self._type
        return self._sandbox.call(self._module, {"handle": self._id}, args, kwargs, label, self._sandbox.call_timeout)

    def __repr__(self) -> str:
        return f"<{self._type} object from your code>"

    def _op(self, name: str, *args: Any) -> Any:
        return self._sandbox.operator(name, args, self._module, self._sandbox.call_timeout)

    def __add__(self, o): return self._op("add", self, o)  # noqa: E704
    def __radd__(self, o): return self._op("add", o, self)  # noqa: E704
    def __sub__(self, o): return self._op("sub", self, o)  # noqa: E704
    def __rsub__(self, o): return self._op("sub", o, self)  # noqa: E704
    def __mul__(self, o): return self._op("mul", self, o)  # noqa: E704
    def __rmul__(self, o): return self._op("mul", o, self)  # noqa: E704
    def __truediv__(self, o): return self._op("truediv", self, o)  # noqa: E704
    def __rtruediv__(self, o): return self._op("truediv", o, self)  # noqa: E704
    def __pow__(self, o): return self._op("pow", self, o)  # noqa: E704
    def __rpow__(self, o): return self._op("pow", o, self)  # noqa: E704
    def __matmul__(self, o): return self._op("matmul", self, o)  # noqa: E704
    def __neg__(self): return self._op("neg", self)  # noqa: E704


class RemoteMethod:
    """``handle.fit``: calling it runs the method in the worker in one round trip."""

    def __init__(self, handle: Handle, name: str) -> None:
        self.handle, self.name = handle, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        h = self.handle
        h._sandbox._check_fresh(h)
        return h._sandbox.call(h._module, {"handle": h._id, "method": self.name}, args, kwargs,
                               f"{h._type}.{self.name}", h._sandbox.call_timeout)

    def __repr__(self) -> str:
        return f"<method {self.name} of {self.handle!r}>"


class Submission:
    """One student module in the worker: attribute access gives remote callables."""

    def __init__(self, sandbox: Sandbox, module: str, file: Path, shown_as: str) -> None:
        self._sandbox, self._module, self._file, self._shown_as = sandbox, module, file, shown_as

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return RemoteFunction(self, name)

    def __repr__(self) -> str:
        return f"<submission {self._shown_as}>"


class RemoteFunction:
    """``sub.name``: calling it runs the student's ``name`` in the worker."""

    def __init__(self, sub: Submission, name: str) -> None:
        self.sub, self.name = sub, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        s = self.sub
        try:
            return s._sandbox.call(s._module, {"module": s._module, "attr": self.name}, args, kwargs, self.name,
                                   s._sandbox.call_timeout)
        except MissingName:
            raise MissingName(f"{s._shown_as} has no `{self.name}`: define it there (see the kata's README for its signature)") from None

    def __repr__(self) -> str:
        return f"<{self.name} from {self.sub._shown_as}>"


# -- the few things a check may ask about a submission besides calling it ----------------


def submission_source(sub: Submission) -> str:
    """The text of the student's file as it was graded, for static checks (never executed by the grader)."""
    data = sub._sandbox.sources.get(str(sub._file))
    if data is None:  # not staged (a Submission built by hand): read it without following links
        folder = safefs.open_folder(Path(sub._file).parent)
        try:
            data = safefs.read_file(folder, Path(sub._file).name, MAX_STAGED_BYTES)
        finally:
            os.close(folder)
    return data.decode("utf-8", errors="replace")


@contextlib.contextmanager
def count_lines(sub: Submission) -> Iterator[LineCount]:
    """Count the lines of the student's Python code that run in the calls made inside the block.

    A deterministic measure of how much work is done in Python rather than in
    NumPy: a vectorised function runs the same number of lines whatever the
    size of its input; a Python loop over the data runs more lines for more data.
    """
    sandbox = sub._sandbox
    sandbox.counting = counted = LineCount()
    try:
        yield counted
    finally:
        sandbox.counting = None


class ScratchFiles:
    """Files in the worker's scratch folder, for checks that hand the student's code a path.

    The folder is the submission's to change at any time, so the grader never follows a path in it:
    every operation goes through a descriptor of the folder opened before the worker started, refuses
    symbolic links, FIFOs, devices and hard links, and creates files afresh. Names are plain file
    names (no ``/``). ``path(name)`` is the path the student's code sees.
    """

    MAX_READ = 64 * 2**20

    def __init__(self, sandbox: "Sandbox") -> None:
        self._sandbox = sandbox

    def path(self, name: str) -> str:
        """The path of ``name`` as the student's code sees it, with whatever was there removed."""
        self.remove(name)
        return str(self._sandbox.scratch / name)

    def write(self, name: str, data: bytes) -> str:
        """Create the file ``name`` holding ``data``; return its path as the student's code sees it."""
        safefs.write_file(self._sandbox.scratch_fd(), name, data)
        return str(self._sandbox.scratch / name)

    def read(self, name: str, limit: int = MAX_READ) -> bytes:
        """The bytes of ``name``: FileNotFoundError if there is none, safefs.UnsafePath (an OSError) if it is
        not a regular file or holds more than ``limit`` bytes."""
        return safefs.read_file(self._sandbox.scratch_fd(), name, limit)

    def is_file(self, name: str) -> bool:
        """Whether ``name`` is a regular file (a link to one is not)."""
        return safefs.is_file(self._sandbox.scratch_fd(), name)

    def exists(self, name: str) -> bool:
        """Whether anything is at ``name`` (a file, a folder, a link)."""
        return safefs.exists(self._sandbox.scratch_fd(), name)

    def remove(self, name: str) -> None:
        """Remove whatever is at ``name`` (a folder with its contents), following no link."""
        safefs.remove(self._sandbox.scratch_fd(), name)


def scratch_files(sub: Submission) -> ScratchFiles:
    """The worker's scratch folder, through operations that never follow a path the submission made."""
    return ScratchFiles(sub._sandbox)
