"""Grade a class: one submission per student, graded in parallel grader processes, into a gradebook.

A submission is a folder laid out like ``student/``, or a ``.zip`` of one
(``CONVERTERS`` maps other suffixes, such as notebooks, to a converter). Each
is first *materialized*: its regular files are copied or unpacked, within
size limits, into a fresh folder of a temporary work directory; symbolic
links, devices and paths leaving the folder are refused. A grader process
grades that folder with the same ``Runner`` and sandbox as ``grade``; a
submission that runs over its own time limit has its grader's whole process
tree killed and the others go on.

The output folder holds ``gradebook.csv`` (one row per student, one column
per kata, a total), ``reports/<student>.json`` (the JSON report of
docs/report-format.md) and ``batch-state.json``, which remembers the content
hash of every graded submission so that a re-run grades only what changed.
"""
from __future__ import annotations

import collections
import contextlib
import csv
import dataclasses
import hashlib
import importlib
import importlib.util
import json
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Iterator

from graders.kata import Kata
from graders.runner import GradeOptions, Runner
from graders.sandbox.process import kill_tree

MAX_SUBMISSION_BYTES = 64 * 2**20
MAX_SUBMISSION_FILES = 2000
DEFAULT_TIME_LIMIT = 600.0
GRADEBOOK = "gradebook.csv"
REPORTS = "reports"
STATE = "batch-state.json"
STATE_SCHEMA = "ml-katas/batch-state/1"
IGNORED_NAMES = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints", ".hypothesis"}
SETUP_TIMEOUT = 300.0


class BadSubmission(Exception):
    """A submission that cannot be graded at all (a bad zip, no .py file...); the message is one sentence."""


# -- materializing a submission ------------------------------------------------------------


def _check_size(name: str, files: int, size: int) -> None:
    if files > MAX_SUBMISSION_FILES:
        raise BadSubmission(f"{name} holds more than {MAX_SUBMISSION_FILES} files; submit only your kata files")
    if size > MAX_SUBMISSION_BYTES:
        raise BadSubmission(f"{name} is larger than {MAX_SUBMISSION_BYTES // 2**20} MiB; submit only your kata files")


def _copy_folder(source: Path, dest: Path) -> None:
    """Copy the regular files of ``source`` (no symbolic links, devices or pipes) into ``dest``."""
    files = size = 0
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = [d for d in dirnames if d not in IGNORED_NAMES]
        for filename in filenames:
            path = Path(dirpath) / filename
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                continue
            files, size = files + 1, size + info.st_size
            _check_size(source.name, files, size)
            target = dest / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target, follow_symlinks=False)


def _member_path(archive: Path, member: zipfile.ZipInfo, dest: Path) -> Path | None:
    """Where ``member`` goes under ``dest``; None for a symbolic link; a path leaving ``dest`` is refused."""
    if stat.S_ISLNK(member.external_attr >> 16):
        return None
    parts = PurePosixPath(member.filename.replace("\\", "/")).parts
    if not parts or parts[0] == "/" or ":" in parts[0] or ".." in parts:
        raise BadSubmission(f"{archive.name} contains a path outside its own folder ({member.filename}); "
                            "zip the folder of your kata files again")
    return dest.joinpath(*parts)


def _extract_zip(archive: Path, dest: Path) -> None:
    """Unpack ``archive`` into ``dest``, counting the bytes really written (sizes in a zip may lie)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            _check_size(archive.name, len(members), 0)
            written = 0
            for member in members:
                target = _member_path(archive, member, dest)
                if target is None:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as out:
                    while chunk := src.read(2**20):
                        written += len(chunk)
                        _check_size(archive.name, len(members), written)
                        out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        raise BadSubmission(f"{archive.name} is not a zip file that can be unpacked ({exc})") from None


CONVERTERS: dict[str, Callable[[Path, Path], None]] = {".zip": _extract_zip}
"""Submission files by suffix: ``convert(file, folder)`` writes the kata files found in ``file`` into ``folder``."""


def _kata_folder(root: Path, name: str) -> Path:
    """The folder holding the kata files: ``root``, its ``student/``, or the single folder inside it (repeatedly)."""
    folder = root
    for _ in range(6):
        entries = [p for p in folder.iterdir() if p.name not in IGNORED_NAMES and not p.name.startswith(".")]
        student = folder / "student"
        if student.is_dir() and any(student.glob("*.py")):
            return student
        if any(p.is_file() and p.suffix == ".py" for p in entries):
            return folder
        dirs = [p for p in entries if p.is_dir()]
        if len(dirs) != 1:
            break
        folder = dirs[0]
    raise BadSubmission(f"{name} holds no .py file at its top level or inside a single folder; put the kata files "
                        "(like softmax.py) at the top of the folder or zip")


def materialize(submission: Path, work_dir: Path) -> Path:
    """Copy or unpack ``submission`` into the new folder ``work_dir``; return the folder holding its kata files.

    Raises BadSubmission (one sentence) for anything that cannot be graded.
    """
    work_dir.mkdir(parents=True)
    if submission.is_dir():
        _copy_folder(submission, work_dir)
    elif submission.suffix.lower() in CONVERTERS:
        CONVERTERS[submission.suffix.lower()](submission, work_dir)
    else:
        raise BadSubmission(f"{submission.name} is not a folder or a {', '.join(CONVERTERS)} file")
    return _kata_folder(work_dir, submission.name)


def content_hash(folder: Path, salt: str = "") -> str:
    """A hash of every file's relative path and bytes under ``folder`` (and ``salt``)."""
    digest = hashlib.sha256(salt.encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _kata_sources(kata: Kata) -> list[Path]:
    """The files whose change changes grades: the kata's modules (not its mutants) and its reference."""
    module = importlib.import_module(kata.package)
    files = [Path(module.__file__)]
    if hasattr(module, "__path__"):
        files = [p for p in Path(module.__file__).parent.rglob("*.py") if "mutants" not in p.parts]
    spec = None
    try:
        spec = importlib.util.find_spec(kata.reference_module)
    except (ImportError, ValueError):
        pass
    if spec is not None and spec.origin and Path(spec.origin).is_file():
        files.append(Path(spec.origin))
    return sorted(files)


def grading_fingerprint(katas: list[Kata], options: GradeOptions) -> str:
    """A hash of everything besides the submission that decides a grade: katas, their checks, seed and limits."""
    settings = {
        "katas": [k.id for k in katas],
        "seed": hashlib.sha256(options.grading_seed().encode()).hexdigest(),
        "visibility": list(options.visibility), "limits": dataclasses.asdict(options.limits),
        "timeout": options.timeout, "max_examples": options.max_examples, "shrink": options.shrink,
    }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
    for kata in katas:
        for path in _kata_sources(kata):
            digest.update(path.read_bytes())
    return digest.hexdigest()


# -- a pool of grader processes -------------------------------------------------------------


@dataclass
class Outcome:
    """How one task ended: ``status`` is ``done`` (``value`` holds the result), ``timeout``, ``crashed`` or ``failed``."""

    key: str
    status: str
    value: Any = None
    problem: str = ""
    seconds: float = 0.0


_BOOT = ("import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
         "from graders.batch import serve; serve(int(sys.argv[2]), int(sys.argv[3]))")


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
    gets a fresh process; the other tasks are not delayed. ``setup`` and
    ``job`` must be module-level functions (they are pickled by name).
    """

    def __init__(self, setup: Callable[..., Any], setup_args: tuple, job: Callable[[Any, Any], Any], jobs: int,
                 time_limit: float | None = None) -> None:
        self.setup, self.setup_args, self.job = setup, setup_args, job
        self.jobs, self.time_limit = max(1, jobs), time_limit

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
        if not slot.ready:
            return slot.started + SETUP_TIMEOUT - now
        if slot.key is not None and self.time_limit is not None:
            return slot.started + self.time_limit - now
        return float("inf")

    def run(self, tasks: Iterable[tuple[str, Any]]) -> Iterator[Outcome]:
        pending = collections.deque(tasks)
        slots: list[_Slot | None] = [None] * min(self.jobs, len(pending))
        try:
            while pending or any(s is not None and s.key is not None for s in slots):
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
        if not slot.ready:
            raise RuntimeError(f"a grader process did not start within {SETUP_TIMEOUT:g} s")
        key, seconds = slot.key or "", time.monotonic() - slot.started
        slot.key = None
        return Outcome(key, "timeout", seconds=seconds,
                       problem=f"grading took longer than {self.time_limit:g} s and was stopped")


# -- grading a class ----------------------------------------------------------------------


@dataclass
class BatchConfig:
    """How to grade the class: the grading options of ``grade``, parallel processes, a time limit per submission."""

    options: GradeOptions = field(default_factory=GradeOptions)
    jobs: int = 1
    time_limit: float = DEFAULT_TIME_LIMIT
    plugins: tuple[str, ...] = ()


@dataclass
class StudentRow:
    """One line of the gradebook."""

    student: str
    source: str
    points: dict[str, float] = field(default_factory=dict)
    total: float = 0.0
    max_points: int = 0
    note: str = ""
    seconds: float = 0.0
    skipped: bool = False  # unchanged since the last run: not graded again

    def line(self) -> str:
        if self.note:
            return f"{self.student}: {self.note}"
        pct = f" ({100 * self.total / self.max_points:.0f} %)" if self.max_points else ""
        how = "unchanged, not graded again" if self.skipped else f"{self.seconds:.1f} s"
        return f"{self.student}: {self.total:g}/{self.max_points} points{pct}, {how}"


@dataclass
class BatchResult:
    """Every gradebook row, the entries left out of the submissions folder, and where the gradebook is."""

    rows: list[StudentRow]
    skipped_entries: list[str]
    gradebook: Path

    @property
    def problems(self) -> list[StudentRow]:
        return [r for r in self.rows if r.note]


def find_submissions(folder: Path, exclude: Path | None = None) -> tuple[list[Path], list[str]]:
    """The submissions in ``folder`` (folders and files with a known suffix) and a note per entry left out."""
    entries, notes = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")) or (exclude is not None and path.resolve() == exclude.resolve()):
            continue
        if path.is_dir() or path.suffix.lower() in CONVERTERS:
            entries.append(path)
        else:
            notes.append(f"{path.name}: not a folder or a {', '.join(CONVERTERS)} file; left out")
    return entries, notes


def student_name(submission: Path) -> str:
    """The student's name: the entry's name, without the suffix of a submission file."""
    return submission.name if submission.is_dir() else submission.stem


def prepare_grader(plugins: tuple[str, ...], kata_ids: list[str], options: GradeOptions, work_dir: str) -> tuple:
    """The katas (checks and references imported) and a Runner, working in ``work_dir`` so paths show relative to it."""
    from graders.plugins import load_registry

    registry = load_registry(plugins)
    katas = [registry.katas[k] for k in kata_ids]
    for kata in katas:
        kata.checks  # noqa: B018 - import the checks before leaving the current folder
        try:
            importlib.import_module(kata.reference_module)
        except ImportError:
            pass
    os.chdir(work_dir)
    return katas, Runner(options)


def _grade_job(context: tuple, folder: str) -> dict:
    katas, runner = context
    return runner.grade(katas, Path(folder)).to_dict(timings=True)


def _row_from_report(student: str, source: str, report: dict, seconds: float) -> StudentRow:
    return StudentRow(student, source, {k["kata"]: k["points"] for k in report["katas"]}, report["points"],
                      report["max_points"], seconds=seconds)


def absolute_plugins(specs: Iterable[str]) -> tuple[str, ...]:
    """``--plugin`` paths made absolute (module names kept), since grader processes work in another folder."""
    return tuple(str(Path(spec).resolve()) if Path(spec).exists() else spec for spec in specs)


class _State:
    """``batch-state.json``: per student, the content hash graded and the row it gave."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.students: dict[str, dict] = {}
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("schema") == STATE_SCHEMA:
                    self.students = data["students"]
            except (ValueError, KeyError, TypeError):
                self.students = {}

    def unchanged(self, student: str, digest: str, report: Path) -> StudentRow | None:
        entry = self.students.get(student)
        if not entry or entry.get("hash") != digest or not report.is_file():
            return None
        row = StudentRow(**entry["row"])
        row.skipped = True
        return row

    def record(self, row: StudentRow, digest: str) -> None:
        self.students[row.student] = {"hash": digest, "row": {**dataclasses.asdict(row), "skipped": False}}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"schema": STATE_SCHEMA, "students": self.students}, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)


def _csv_cell(text: str) -> str:
    """Cells starting like a formula are quoted so that spreadsheets show them as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_gradebook(path: Path, kata_ids: list[str], rows: list[StudentRow]) -> None:
    """``student, <one column per kata>, total, max_points, note``; points, one row per student."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", *kata_ids, "total", "max_points", "note"])
        for row in sorted(rows, key=lambda r: r.student):
            writer.writerow([_csv_cell(row.student), *(f"{row.points.get(k, 0):g}" for k in kata_ids),
                             f"{row.total:g}", row.max_points, _csv_cell(row.note)])


def run_batch(submissions_dir: Path, out_dir: Path, katas: list[Kata], config: BatchConfig,
              echo: Callable[[str], None] = print) -> BatchResult:
    """Grade every submission in ``submissions_dir`` on ``katas``; write the gradebook and reports in ``out_dir``."""
    entries, skipped_entries = find_submissions(submissions_dir, exclude=out_dir)
    for note in skipped_entries:
        echo(f"note: {note}")
    (out_dir / REPORTS).mkdir(parents=True, exist_ok=True)
    state = _State(out_dir / STATE)
    fingerprint = grading_fingerprint(katas, config.options)
    max_points = sum(c.points for k in katas for c in k.checks_for(config.options.visibility))
    rows: dict[str, StudentRow] = {}
    tasks: list[tuple[str, str]] = []
    sources, digests = {}, {}
    work = Path(tempfile.mkdtemp(prefix="ml-katas-batch-"))
    try:
        for entry in entries:
            student = student_name(entry)
            if student in sources:
                echo(f"note: {entry.name} and {sources[student]} are both named {student}; {entry.name} left out")
                continue
            sources[student] = entry.name
            try:
                folder = materialize(entry, work / student)
            except BadSubmission as exc:
                rows[student] = StudentRow(student, entry.name, max_points=max_points, note=str(exc))
                echo(rows[student].line())
                continue
            digests[student] = content_hash(folder, fingerprint)
            previous = state.unchanged(student, digests[student], out_dir / REPORTS / f"{student}.json")
            if previous is not None:
                rows[student] = previous
            else:
                tasks.append((student, str(folder.relative_to(work))))
        unchanged = sum(r.skipped for r in rows.values())
        if unchanged:
            echo(f"{unchanged} submission(s) unchanged since the last run: not graded again")
        pool = GraderPool(prepare_grader, (absolute_plugins(config.plugins), [k.id for k in katas],
                                          config.options, str(work)), _grade_job, config.jobs, config.time_limit)
        for done, outcome in enumerate(pool.run(tasks), 1):
            student = outcome.key
            if outcome.status == "done":
                report = {**outcome.value, "submission": sources[student]}
                (out_dir / REPORTS / f"{student}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
                rows[student] = _row_from_report(student, sources[student], report, outcome.seconds)
                state.record(rows[student], digests[student])
            else:
                if outcome.status == "failed":  # a bug in the grader or a check: the instructor needs the traceback
                    echo(outcome.value)
                rows[student] = StudentRow(student, sources[student], max_points=max_points,
                                           note=f"{outcome.problem}; re-run to retry", seconds=outcome.seconds)
            echo(f"[{done}/{len(tasks)}] {rows[student].line()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    gradebook = out_dir / GRADEBOOK
    write_gradebook(gradebook, [k.id for k in katas], list(rows.values()))
    return BatchResult(sorted(rows.values(), key=lambda r: r.student), skipped_entries, gradebook)
