"""Grade a class: one submission per student, graded in parallel grader processes, into a gradebook.

A submission is a folder laid out like ``student/``, a ``.zip`` of one, or a
notebook (see ``graders.submissions``). Each is first *materialized*: its regular files are copied or unpacked, within
size limits, into a fresh folder of a temporary work directory; symbolic
links, devices and paths leaving the folder are refused. A grader process
grades that folder with the same ``Runner`` and sandbox as ``grade``; a
submission that runs over its own time limit has its grader's whole process
tree killed and the others go on.

The output folder holds ``gradebook.csv`` (one row per student, one column
per kata, a total, a note saying why a row is low), the same grades laid out
for Canvas and Moodle to import (``graders.lms``), ``reports/<student>.json``
(the JSON report of docs/report-format.md), ``class-report.html`` (what the
class got wrong, ``graders.class_report``) and ``batch-state.json``, which
remembers the content hash of every graded submission so that a re-run grades
only what changed. A Gradescope "Export Submissions" folder is read as it
comes: its ``submission_metadata.yml`` names the people of each row.
"""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import importlib
import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from graders import lms
from graders.kata import Kata
from graders.pool import GraderPool
from graders.runner import GradeOptions, Runner
from graders.sandbox.limits import resolve_isolation
from graders.sandbox.process import printable
from graders.submissions import (CONVERTERS, BadSubmission, accepted_kinds, content_hash, match_kata_files,
                                 materialize)

DEFAULT_TIME_LIMIT = 600.0
GRADEBOOK = "gradebook.csv"
REPORTS = "reports"
STATE = "batch-state.json"
STATE_SCHEMA = "ml-katas/batch-state/1"
TOTAL_ITEM = "ml-katas total"  # the total's column in the Canvas and Moodle gradebooks


def _kata_sources(kata: Kata) -> list[Path]:
    """The files whose change changes grades: the kata's modules (not old-style mutants/) and its reference."""
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


# -- grading a class ----------------------------------------------------------------------


@dataclass
class BatchConfig:
    """How to grade the class: the grading options of ``grade``, parallel processes, a time limit per submission."""

    options: GradeOptions = field(default_factory=GradeOptions)
    jobs: int = 1
    time_limit: float = DEFAULT_TIME_LIMIT
    plugins: tuple[str, ...] = ()
    scheduler: str | None = None  # a Dask scheduler's address (tcp://host:8786): grade on its workers
    cluster: int | None = None  # grade on a local Dask cluster of this many workers
    html_reports: bool = False  # also write each student's HTML report (needs matplotlib)
    allow_same_user: bool = False  # grade even where every worker would run as the grader's own user


class UnsafeBatch(Exception):
    """The class would be graded where submissions cannot be kept apart (``same_user_risk`` says why)."""


def same_user_risk(isolation: str, requested: str = "auto") -> str | None:
    """Why grading a class at ``isolation`` (resolved from ``requested``) cannot keep classmates apart, or None.

    Under process isolation a grader that is not root runs every worker as its own user: a submission can
    read and rewrite what that user can, its classmates' unpacked files and the gradebook included.
    """
    from graders.sandbox.limits import bwrap_unavailable_reason
    from graders.sandbox.privileges import grader_is_root

    if isolation != "process" or grader_is_root():
        return None
    why = "--isolation process was chosen" if requested == "process" else bwrap_unavailable_reason()
    return (f"grade batch refuses to grade a class here: {why} and the grader is not root, so every submission "
            "would run as your own user and could read or rewrite its classmates' files and the gradebook. "
            "Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) and use --isolation bwrap, or run "
            "grade batch as root so that each worker gets a uid of its own; pass --allow-same-user only if you "
            "trust every submission")


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
    people: list[dict] = field(default_factory=list)  # who submitted it, when a platform's export says
    graded: bool = True  # False: the submission could not be graded (the note says why)

    def grade_line(self) -> lms.GradeLine:
        return lms.GradeLine(self.student, [lms.Person(**p) for p in self.people],
                             {**self.points, TOTAL_ITEM: self.total}, self.total, self.note)

    def line(self) -> str:
        if not self.graded:
            return f"{self.student}: {self.note}"
        pct = f" ({100 * self.total / self.max_points:.0f} %)" if self.max_points else ""
        how = "unchanged, not graded again" if self.skipped else f"{self.seconds:.1f} s"
        note = f"; {self.note}" if self.note else ""
        return f"{self.student}: {self.total:g}/{self.max_points} points{pct}, {how}{note}"


@dataclass
class BatchResult:
    """Every gradebook row, the entries left out of the submissions folder, and where the gradebook is."""

    rows: list[StudentRow]
    skipped_entries: list[str]
    gradebook: Path

    @property
    def problems(self) -> list[StudentRow]:
        """The rows of submissions that could not be graded."""
        return [r for r in self.rows if not r.graded]


def find_submissions(folder: Path, exclude: Path | None = None) -> tuple[list[Path], list[str]]:
    """The submissions in ``folder`` (folders and files with a known suffix) and a note per entry left out."""
    entries, notes = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")) or (exclude is not None and path.resolve() == exclude.resolve()):
            continue
        if path.name == lms.GRADESCOPE_METADATA:
            continue
        if path.is_dir() or path.suffix.lower() in CONVERTERS:
            entries.append(path)
        else:
            notes.append(f"{path.name}: not {accepted_kinds()}; left out")
    return entries, notes


def student_name(submission: Path) -> str:
    """The student's name: the entry's name, without the suffix of a submission file, without control characters."""
    return printable(submission.name if submission.is_dir() else submission.stem).replace("\n", " ").strip() or "_"


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


def why_low(report: dict) -> str:
    """The gradebook note of a graded report: per kata that lost points for a reason other than wrong results."""
    reasons = []
    for kata in report["katas"]:
        statuses = {c["status"] for c in kata["checks"]}
        problem = kata.get("problem", "")
        if "does not exist" in problem:
            reason = "file missing"
        elif "syntax error" in problem:
            reason = "syntax error"
        elif statuses and statuses <= {"not_started", "missing"}:
            reason = "not started"
        elif "timeout" in statuses:
            reason = "timeout"
        elif "crashed" in statuses:
            reason = "crashed"
        elif "forbidden" in statuses:
            reason = "forbidden import or call"
        elif problem:
            reason = "could not be imported"
        else:
            continue
        reasons.append(f"{kata['kata']}: {reason}")
    return "; ".join(reasons)


def _row_from_report(student: str, source: str, report: dict, seconds: float) -> StudentRow:
    return StudentRow(student, source, {k["kata"]: k["points"] for k in report["katas"]}, report["points"],
                      report["max_points"], note=why_low(report), seconds=seconds)


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


def _printable_echo(echo: Callable[[str], None]) -> Callable[[str], None]:
    """``echo`` for text that may hold entry names or messages from submissions: escapes removed."""
    return lambda text: echo(printable(str(text)))


def _csv_cell(text: str) -> str:
    """Cells starting like a formula are quoted so that spreadsheets show them as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_gradebook(path: Path, kata_ids: list[str], rows: list[StudentRow]) -> None:
    """``student, name, email, <one column per kata>, total, max_points, note``; points, one row per submission.

    ``name`` and ``email`` are filled when a platform's export names the people (a group: joined with `` & ``).
    """
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "name", "email", *kata_ids, "total", "max_points", "note"])
        for row in sorted(rows, key=lambda r: r.student):
            names = " & ".join(p.get("name", "") for p in row.people)
            emails = " ".join(p.get("email", "") for p in row.people)
            writer.writerow([_csv_cell(row.student), _csv_cell(names), _csv_cell(emails),
                             *(f"{row.points.get(k, 0):g}" for k in kata_ids),
                             f"{row.total:g}", row.max_points, _csv_cell(row.note)])


def write_gradebooks(out_dir: Path, katas: list[Kata], rows: list[StudentRow], visibility: tuple[str, ...]) -> Path:
    """``gradebook.csv`` and the Canvas and Moodle layouts of the same grades (a column per kata and the total)."""
    gradebook = out_dir / GRADEBOOK
    write_gradebook(gradebook, [k.id for k in katas], rows)
    items = [(k.id, float(sum(c.points for c in k.checks_for(visibility)))) for k in katas]
    items.append((TOTAL_ITEM, sum(most for _, most in items)))
    lines = [r.grade_line() for r in sorted(rows, key=lambda r: r.student)]
    lms.write_canvas(out_dir / lms.CANVAS, items, lines)
    lms.write_moodle(out_dir / lms.MOODLE, items, lines)
    return gradebook


def make_executor(config: BatchConfig, setup_args: tuple) -> Any:
    """What grades the tasks: local grader processes, or a Dask cluster (``run(tasks)`` yields Outcomes)."""
    if config.scheduler or config.cluster:
        from graders.distributed import DaskPool

        return DaskPool(setup_args, config.time_limit, scheduler=config.scheduler, local_workers=config.cluster)
    return GraderPool(prepare_grader, setup_args, _grade_job, config.jobs, config.time_limit)


def _plain_progress(echo: Callable[[str], None]) -> Callable[[int, int, StudentRow], None]:
    return lambda done, total, row: echo(f"[{done}/{total}] {row.line()}")


def run_batch(submissions_dir: Path, out_dir: Path, katas: list[Kata], config: BatchConfig,
              echo: Callable[[str], None] = print,
              on_graded: Callable[[int, int, StudentRow], None] | None = None) -> BatchResult:
    """Grade every submission in ``submissions_dir`` on ``katas``; write the gradebooks and reports in ``out_dir``.

    ``on_graded(done, total, row)`` follows the grading (default: one line per submission through ``echo``).
    A submission that cannot be unpacked or graded is that student's row (0 points, a note saying why);
    the others are graded all the same. Everything echoed has its escape sequences removed. UnsafeBatch
    where the workers would all run as the grader's own user (``same_user_risk``), unless ``config`` allows it.
    """
    if not (config.allow_same_user or config.scheduler):  # a scheduler's workers resolve their own isolation
        risk = same_user_risk(resolve_isolation(config.options.isolation), config.options.isolation)
        if risk:
            raise UnsafeBatch(risk)
    echo = _printable_echo(echo)
    on_graded = on_graded or _plain_progress(echo)
    entries, skipped_entries = find_submissions(submissions_dir, exclude=out_dir)
    for note in skipped_entries:
        echo(f"note: {note}")
    roster = lms.read_gradescope_roster(submissions_dir)
    (out_dir / REPORTS).mkdir(parents=True, exist_ok=True)
    state = _State(out_dir / STATE)
    fingerprint = grading_fingerprint(katas, config.options)
    max_points = sum(c.points for k in katas for c in k.checks_for(config.options.visibility))
    kata_ids = [k.id for k in katas]
    rows: dict[str, StudentRow] = {}
    tasks: list[tuple[str, str]] = []
    sources, digests, graded_files = {}, {}, {}
    work = Path(tempfile.mkdtemp(prefix="ml-katas-batch-"))
    try:
        for entry in entries:
            student = student_name(entry)
            if student in sources:
                echo(f"note: {entry.name} and {sources[student]} are both named {student}; {entry.name} left out")
                continue
            sources[student] = printable(entry.name)
            people = [p.to_dict() for p in roster.get(student, [])]
            try:
                folder = materialize(entry, work / student)
                graded_files[student] = match_kata_files(folder, kata_ids)
                digests[student] = content_hash(folder, fingerprint)
            except BadSubmission as exc:
                note = printable(str(exc))
            except Exception as exc:  # noqa: BLE001 - one student's file must not stop the class
                note = printable(f"{entry.name} could not be unpacked ({type(exc).__name__}: {exc}); "
                                 "submit the kata files again")
            else:
                note = ""
            if note:
                rows[student] = StudentRow(student, sources[student], max_points=max_points, note=note, people=people,
                                           graded=False)
                echo(rows[student].line())
                continue
            previous = state.unchanged(student, digests[student], out_dir / REPORTS / f"{student}.json")
            if previous is not None:
                previous.people = people
                rows[student] = previous
            else:
                tasks.append((student, str(folder.relative_to(work))))
        unchanged = sum(r.skipped for r in rows.values())
        if unchanged:
            echo(f"{unchanged} submission(s) unchanged since the last run: not graded again")
        setup_args = (absolute_plugins(config.plugins), kata_ids, config.options, str(work))
        for done, outcome in enumerate(make_executor(config, setup_args).run(tasks), 1):
            student = outcome.key
            people = [p.to_dict() for p in roster.get(student, [])]
            if outcome.status == "done":
                report = {**outcome.value, "submission": sources[student]}
                for kata in report["katas"]:
                    kata["file"] = graded_files[student].get(kata["kata"], kata["file"])
                (out_dir / REPORTS / f"{student}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
                rows[student] = _row_from_report(student, sources[student], report, outcome.seconds)
                rows[student].people = people
                if config.html_reports:
                    write_html_report(report, out_dir / REPORTS / f"{student}.html")
                state.record(rows[student], digests[student])
            else:
                if outcome.status == "failed":  # a bug in the grader or a check: the instructor needs the traceback
                    echo(outcome.value)
                rows[student] = StudentRow(student, sources[student], max_points=max_points,
                                           note=f"{outcome.problem}; re-run to retry", seconds=outcome.seconds,
                                           people=people, graded=False)
            on_graded(done, len(tasks), rows[student])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    gradebook = write_gradebooks(out_dir, katas, list(rows.values()), config.options.visibility)
    return BatchResult(sorted(rows.values(), key=lambda r: r.student), skipped_entries, gradebook)


def write_html_report(report: dict, path: Path) -> None:
    """The learner's HTML report of a graded submission, beside its JSON (without figures: they need a live run)."""
    from graders.html_report import ReportBuilder
    from graders.results import Report

    ReportBuilder().write(Report.from_dict(report), path)
