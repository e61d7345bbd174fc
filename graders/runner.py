"""Grade one submission on a set of katas: drive hypothesis, talk to the worker, build a Report.

The runner owns hypothesis' settings, so the same submission always gets the
same report: derandomized inputs (a seed derived from the grading seed, the
kata and the check), no example database, no deadline, a per-check example
budget. Student code only ever runs in the sandbox's worker process.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import re
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import hypothesis
import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity
from hypothesis.strategies import DataObject

from graders.checks import CheckFailed, apply_diagnoses
from graders.describe import describe
from graders.failing import FailingExamples, show_stronger
from graders.floaterrors import explain_nonfinite
from graders import remarks
from graders.remarks import REMARKS
from graders.gradcheck import GRADIENT_RECORD
from graders.inplace import CHECK_NAME as INPLACE_CHECK, allowed_changes, in_place_evidence
from graders.kata import Check, Kata
from graders.replay import Diagnoser, RecordedData
from graders.results import CheckResult, KataResult, Report
from graders.sandbox import (
    Limits,
    NotRun,
    NotStarted,
    Sandbox,
    StudentError,
    Submission,
    SubmissionAbort,
    WireMisuse,
    resolve_isolation,
)
from graders.sandbox import safefs
from graders.sandbox.privileges import worker_uid
from graders.sandbox.process import prepare_run_dir, printable

SEED_ENV = "ML_KATAS_SEED"
CHECK_BUDGET = 60.0  # wall-clock seconds one check may take over all its examples
HISTORY = 4  # earlier examples of a failed check kept to tell apart known mistakes its failing example cannot
RUN_BUDGET = 1800.0  # wall-clock seconds one grading run (every kata) may take, unless GradeOptions.budget says


class CheckOverBudget(SubmissionAbort):
    status = "timeout"


class ReferenceNotAllowed(SubmissionAbort):
    status = "error"


class _NoReference:
    """What public checks get as ``ref``: public checks must run without the reference."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise ReferenceNotAllowed(f"this public check uses the reference (ref.{name}); public checks may not")

    def __repr__(self) -> str:
        return "<no reference in public checks>"


@dataclass
class GradeOptions:
    """How to grade. ``seed`` is the secret grading seed for hidden checks (default: $ML_KATAS_SEED or "0")."""

    limits: Limits = field(default_factory=Limits)
    isolation: str = "auto"
    visibility: tuple[str, ...] = ("public", "hidden")
    seed: str | None = None
    shrink: bool = True
    max_examples: int | None = None
    fail_fast: bool = False
    timeout: float | None = None  # overrides every kata's per-call timeout
    figure_data: bool = False  # keep what the HTML report draws (CheckResult.figure_data); checks every gradient
    budget: float = RUN_BUDGET  # wall-clock seconds for a whole grading run; checks left when it is spent are not run
    diagnose: bool = True  # replay a failing example on the kata's known mistakes and name the one it matches
    replay_budget: float = 20.0  # wall-clock seconds the replays of one kata may take in all
    keep_evidence: bool = False  # keep each failed check's example and transcript (CheckResult.evidence)

    def grading_seed(self) -> str:
        return self.seed if self.seed is not None else os.environ.get(SEED_ENV, "0")


def derive_seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256(":".join(parts).encode()).digest()[:8], "big")


def resolve_file(kata: Kata, submission: Path) -> Path:
    """The file graded for ``kata``: ``submission`` itself when it is a file, else ``submission/<id>.py``."""
    return submission if submission.is_file() else submission / f"{kata.id}.py"


def shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _Recorder:
    """Wraps a hypothesis test's inner function to remember the last example it ran with."""

    current: "_Recorder | None" = None

    def __init__(self, sandbox: Sandbox, budget: float, large_enough: Callable[..., bool] | None = None) -> None:
        self.sandbox, self.deadline, self.example = sandbox, time.monotonic() + budget, {}
        self.budget = budget
        self.history: deque[tuple[dict, list]] = deque(maxlen=HISTORY)  # earlier examples and their transcripts
        self.large_enough = large_enough  # the check's declaration: smaller examples are not run
        self.failing = FailingExamples()
        self.again = False  # True while an example is run again to be shown

    @staticmethod
    def install(func: Callable) -> None:
        inner = func.hypothesis.inner_test
        if getattr(inner, "_ml_katas_recorder", False):
            return

        def recording(*args: Any, **kwargs: Any) -> Any:
            rec = _Recorder.current
            if rec is not None:
                if time.monotonic() > rec.deadline:
                    raise CheckOverBudget(f"the check took over {rec.budget:g} s in total; your code is too slow")
                if (spent := rec.sandbox.out_of_time()) is not None:
                    raise spent
                kwargs = {k: RecordedData(v) if isinstance(v, DataObject) else v for k, v in kwargs.items()}
                if rec.sandbox.transcript:  # the example before, for telling known mistakes apart
                    rec.history.append((rec.example, list(rec.sandbox.transcript)))
                rec.example = {k: v for k, v in kwargs.items() if k not in ("sub", "ref")}
                rec.sandbox.output.clear()
                rec.sandbox.returned.clear()
                rec.sandbox.float_errors.clear()
                if rec.sandbox.transcript is not None:
                    rec.sandbox.transcript.clear()  # keep the calls of the last example only
                gradients = GRADIENT_RECORD.get()
                if gradients:
                    gradients.clear()  # keep the gradient errors of the last example only
                if rec.large_enough is not None and not rec.large_enough(**rec.example):
                    hypothesis.reject()  # below the size where the check's property bites: not an example
                remarks: list = []
                token = REMARKS.set(remarks)
                try:
                    return inner(*args, **kwargs)
                except Exception as exc:
                    if not type(exc).__module__.startswith("hypothesis"):
                        rec.failing.record(rec.example, exc, remarks, again=rec.again)
                    raise
                finally:
                    REMARKS.reset(token)
            return inner(*args, **kwargs)

        recording._ml_katas_recorder = True
        recording._ml_katas_inner = inner
        func.hypothesis.inner_test = recording


@dataclass
class Workspace:
    """The temporary folder and the sandbox of one grading run."""

    run_dir: Path
    sandbox: Sandbox

    def warm(self) -> None:
        """Start the worker now, so that grading later does not wait for it (a failure is left for grading)."""
        try:
            self.sandbox._ensure_worker()
        except SubmissionAbort:
            pass

    def close(self) -> None:
        """Stop the worker, then remove the run's folder: bounded, and following no link the submission made."""
        self.sandbox.close()
        safefs.remove_tree(self.run_dir)


def _loaded_submission(kata: Kata, submission: Path, sandbox: Sandbox, result: KataResult) -> Submission | None:
    """The proxy of a kata whose file loaded, for use after its checks (figures); None otherwise."""
    if result.problem or kata.id not in sandbox.modules:
        return None
    file = sandbox.staged(resolve_file(kata, submission))
    return Submission(sandbox, kata.id, file, shown_path(resolve_file(kata, submission))) if file else None


class Runner:
    """Grades submissions; one Runner may grade many, each in its own sandbox."""

    def __init__(self, options: GradeOptions | None = None) -> None:
        self.options = options or GradeOptions()
        self.isolation = resolve_isolation(self.options.isolation)

    def grade(
        self,
        katas: Iterable[Kata],
        submission: Path,
        on_kata: Callable[[KataResult], None] | None = None,
        on_start: Callable[[int, int, Kata], None] | None = None,
        after_kata: Callable[[Kata, KataResult, Submission | None], None] | None = None,
        workspace: "Workspace | None" = None,
    ) -> Report:
        """Grade ``submission`` (a folder laid out like ``student/``, or one file for one kata).

        ``on_start(index, total, kata)`` is called before each kata, ``on_kata(result)`` after it, then
        ``after_kata(kata, result, sub)`` with the loaded submission still in the worker (``sub`` is None
        when the file could not be loaded), for figures. ``workspace`` (from ``self.workspace``, maybe
        warmed up ahead of time) is used and closed.
        """
        submission = Path(submission)
        katas = list(katas)
        start = time.perf_counter()
        report = Report(submission=shown_path(submission), isolation=self.isolation)
        workspace = workspace or self.workspace(submission)
        sandbox = workspace.sandbox
        try:
            sandbox.deadline, sandbox.budget = time.monotonic() + self.options.budget, self.options.budget
            try:
                sandbox.stage(submission)
            except OSError as exc:
                staging_problem = f"{shown_path(submission)} could not be graded: {exc}"
            else:
                staging_problem = ""
            for index, kata in enumerate(katas):
                if on_start:
                    on_start(index, len(katas), kata)
                result = self.grade_kata(kata, submission, sandbox, staging_problem)
                report.katas.append(result)
                if on_kata:
                    on_kata(result)
                if after_kata:
                    after_kata(kata, result, _loaded_submission(kata, submission, sandbox, result))
                if self.options.fail_fast and not result.all_passed:
                    report.not_graded = [k.id for k in katas[index + 1:]]
                    break
        finally:
            workspace.close()
        report.seconds = time.perf_counter() - start
        return report

    def workspace(self, submission: Path) -> "Workspace":
        """A temporary folder and a sandbox that sees ``submission``, for one ``grade`` call."""
        run_dir = Path(tempfile.mkdtemp(prefix="ml-katas-"))
        prepare_run_dir(run_dir, worker_uid())
        return Workspace(run_dir, Sandbox(self.options.limits, self.isolation, run_dir))

    def grade_own(self, kata: Kata, files: Sequence[Path]) -> list[KataResult]:
        """Grade several files of one kata, one after the other, in one sandbox: one worker process and one
        diagnoser (with its replay worker) for all of them, which is several times faster than ``grade`` per file.

        The files share the worker, so one file could change how the next is graded: this is only for the
        instructor's own code (a kata's known mistakes, for ``grade release``, ``grade validate`` and the project's
        tests), never for learners' submissions, which ``grade`` keeps apart. Returns one KataResult per file.
        """
        files = [Path(f) for f in files]
        folder = Path(tempfile.mkdtemp(prefix="ml-katas-own-"))
        try:
            for number, file in enumerate(files):
                (folder / str(number)).mkdir()
                (folder / str(number) / f"{kata.id}.py").write_bytes(file.read_bytes())
            workspace = self.workspace(folder)
            replay = Diagnoser(kata, self.options.limits, self.isolation, self.options.diagnose,
                               self.options.replay_budget)
            results = []
            try:
                workspace.sandbox.stage(folder)
                for number, file in enumerate(files):
                    workspace.sandbox.deadline = time.monotonic() + self.options.budget
                    workspace.sandbox.budget = self.options.budget
                    replay.restart()
                    result = self.grade_kata(kata, folder / str(number) / f"{kata.id}.py", workspace.sandbox,
                                             replay=replay)
                    result.file = shown_path(file)
                    results.append(result)
            finally:
                replay.close()
                workspace.close()
            return results
        finally:
            safefs.remove_tree(folder)

    def grade_kata(self, kata: Kata, submission: Path, sandbox: Sandbox, staging_problem: str = "",
                   replay: Diagnoser | None = None) -> KataResult:
        """Grade one kata on ``submission``, which ``sandbox`` has staged (``staging_problem`` says why it could not).

        ``replay`` (from ``grade_own``) is a diagnoser kept across submissions; by default one is made and closed."""
        start = time.perf_counter()
        file = resolve_file(kata, submission)
        shown = shown_path(file)
        staged = sandbox.staged(file)
        result = KataResult(kata=kata.id, title=kata.title, file=shown)
        try:
            checks = kata.checks_for(self.options.visibility)
            result.not_run_here = kata.checks_not_run(self.options.visibility)
        except Exception as exc:  # noqa: BLE001 - a broken kata must not stop the others
            result.problem = (f"the checks of kata {kata.id} could not be loaded ({type(exc).__name__}: {exc}); "
                              "this is a problem with the kata, not with your code: tell your instructor")
            return result
        problem: SubmissionAbort | None = None
        if staging_problem:
            problem = SubmissionAbort(staging_problem)
        elif staged is None:
            problem = NotStarted(f"{shown} does not exist: create it (copy the stub from the kata) and implement "
                                 f"{', '.join(kata.api)}")
            problem.status = "missing"
        else:
            sandbox.call_timeout = self.options.timeout or kata.timeout
            loaded = sandbox.load(kata.id, staged, kata.forbidden_imports, kata.forbidden_names, shown,
                                  passes=kata.passes)
            problem = None if loaded.ok else loaded.error
        if problem is not None:
            result.problem = printable(problem.message)
            result.checks = [self._verdict(kata, c, problem.status, problem.message) for c in checks]
        else:
            sub = Submission(sandbox, kata.id, staged, shown)
            own = replay is None
            if replay is None:
                replay = Diagnoser(kata, self.options.limits, self.isolation, self.options.diagnose,
                                   self.options.replay_budget)
            try:
                for number, check in enumerate(checks, start=1):
                    sandbox.check_number = number
                    result.checks.append(self.run_check(kata, check, sub, sandbox, replay))
                    if result.checks[-1].passed:
                        sandbox.inplace.passed.add(kata.id)
                    if self.options.fail_fast and not result.checks[-1].passed:
                        result.not_run = len(checks) - number
                        result.not_run_points = sum(c.points for c in checks[number:])
                        break
                _name_known_mistakes(result, replay.explain(sub))
            finally:
                if own:
                    replay.close()
        result.seconds = time.perf_counter() - start
        return result

    def _verdict(self, kata: Kata, check: Check, status: str, message: str = "", **extra: Any) -> CheckResult:
        """The CheckResult every reporter reads; its text may hold the submission's, so escapes are removed here."""
        for key in ("call", "example", "output"):
            if key in extra:
                extra[key] = printable(extra[key])
        return CheckResult(
            kata=kata.id, check=check.name, title=check.title, points=check.points if status == "passed" else 0,
            max_points=check.points, status=status, visibility=check.visibility, message=printable(message),
            code="" if check.hidden else check.source, **extra,
        )

    def run_check(self, kata: Kata, check: Check, sub: Submission, sandbox: Sandbox,
                  replay: Diagnoser | None = None) -> CheckResult:
        if (spent := sandbox.out_of_time()) is not None:
            return self._verdict(kata, check, spent.status, spent.message)
        sandbox.reset()
        sandbox.last_call = ""
        sandbox.returned.clear()
        sandbox.float_errors.clear()
        sandbox.transcript = [] if (replay is not None and replay.wanted) or self.options.keep_evidence else None
        recorder = _Recorder(sandbox, CHECK_BUDGET, check.large_enough)
        sandbox.inplace.running, sandbox.inplace.example = check.name, lambda: recorder.example
        func = check.func
        if check.uses_hypothesis:
            self._configure_hypothesis(kata, check)
            _Recorder.install(func)
        start = time.perf_counter()
        _Recorder.current = recorder
        gradients = GRADIENT_RECORD.set([] if self.options.figure_data else None)
        failure: BaseException | None = None
        ran = True  # False when the check was refused at once (a function that already hung)
        ref: Any = None
        try:
            ref = self._reference(kata) if check.hidden else _NoReference()
            func(sub, ref)
            status, message = "passed", ""
        except SubmissionAbort as exc:
            status, message, ran = exc.status, exc.message, not isinstance(exc, NotRun)
        except BaseException as exc:  # noqa: BLE001 - any failure of the check is a verdict
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            abort = _abort_inside(exc)
            if abort is not None:  # hypothesis wrapped the real reason (a timeout, a spent budget) in its own
                status, message = abort.status, abort.message
            else:
                failure = show_stronger(check, sub, ref, recorder, exc,
                                        derive_seed(self.options.grading_seed(), kata.id, check.name, "probes"))
                status, message = "failed", _failure_message(failure)
                message = remarks.without(message, recorder.failing.unconfirmed_remarks())
                message += "".join(f"\nOn the larger failing examples: {r.text[0].lower()}{r.text[1:]}"
                                   for r in recorder.failing.remarks_of_larger_examples())
        finally:
            _Recorder.current = None
            gradient_records = GRADIENT_RECORD.get()
            GRADIENT_RECORD.reset(gradients)
            learner, sandbox.transcript = sandbox.transcript, None
        diagnosis, evidence = None, {}  # a diagnosis from results is made once every check has run (grade_kata)
        if status in ("failed", "passed") and replay is not None and learner:
            replay.note(check, ref, recorder.example, learner, recorder.history, failed=status == "failed")
        elif status == "failed" and check.name == INPLACE_CHECK:
            # the in-place check makes no call: its evidence is the first change and the example of the check
            # where it was seen, replayed on the known mistakes (or on a student edition's probes)
            evidence = in_place_evidence(sandbox.inplace, sub._module, allowed_changes(kata))
            origin = next((c for c in kata.checks_for() if c.name == evidence.get("origin")), None)
            if replay is not None and origin is not None:
                diagnosis = replay.diagnose_in_place(
                    origin, sub, self._reference(kata) if origin.hidden else _NoReference(), evidence)
        seconds = time.perf_counter() - start
        figure_data = _figure_data(failure, gradient_records) if self.options.figure_data else {}
        if status == "passed":
            return self._verdict(kata, check, status, seconds=seconds, figure_data=figure_data)
        if failure is not None:
            message = explain_nonfinite(_compared_failure(failure), message,
                                        _call_that_returned(failure, sandbox.returned), sandbox)
        if status not in ("not_started", "missing"):
            message = apply_diagnoses(func, message)
        if diagnosis is not None:  # a change in place, named now (results are named in grade_kata)
            message = f"{diagnosis.sentence()}\n{message}"
        show_details = ran and status in ("failed", "timeout", "crashed", "error")
        return self._verdict(
            kata, check, status, message,
            call=(_call_that_returned(failure, sandbox.returned) or sandbox.last_call) if show_details else "",
            example=_describe_example(recorder.example) if show_details else "",
            output=printed_output(sandbox.output) if show_details else "",
            seconds=seconds, figure_data=figure_data, diagnosis=diagnosis.to_dict() if diagnosis else None,
            evidence=({"example": recorder.example, "transcript": learner} if learner else evidence)
            if self.options.keep_evidence else {},
        )

    def _configure_hypothesis(self, kata: Kata, check: Check) -> None:
        phases = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
        if self.options.shrink:
            phases.append(Phase.shrink)
        max_examples = self.options.max_examples or check.max_examples or kata.max_examples
        settings = hypothesis.settings(
            database=None, deadline=None, derandomize=False, max_examples=max_examples, phases=phases,
            suppress_health_check=list(HealthCheck), report_multiple_bugs=False, verbosity=Verbosity.quiet,
            print_blob=False,
        )
        # hypothesis refuses @settings twice on one function, and checks are graded many times:
        # set the attribute that @settings sets, which @given reads at call time.
        check.func._hypothesis_internal_use_settings = settings
        salt = self.options.grading_seed() if check.hidden else "public"
        hypothesis.seed(derive_seed(salt, kata.id, check.name))(check.func)

    def _reference(self, kata: Kata) -> Any:
        try:
            return importlib.import_module(kata.reference_module)
        except ImportError as exc:
            raise SubmissionAbort(f"the reference {kata.reference_module} is not available ({exc}); hidden checks "
                                  "need the instructor's tree") from None


def _name_known_mistakes(result: KataResult, diagnoses: dict[str, Any]) -> None:
    """Put each diagnosis (by check name) first in its check's message, and in its JSON ``diagnosis``."""
    for check in result.checks:
        diagnosis = diagnoses.get(check.check)
        if diagnosis is not None:
            check.message = printable(f"{diagnosis.sentence()}\n{check.message}")
            check.diagnosis = diagnosis.to_dict()


def _root_failure(exc: BaseException) -> BaseException:
    """The exception that failed the check, out of hypothesis' exception groups."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _call_that_returned(failure: BaseException | None, returned: list[tuple[str, Any]]) -> str:
    """The call whose result a failed comparison found wrong (the only one that returned that value), or ""."""
    exc = _root_failure(failure) if failure is not None else None
    for _ in range(8):  # a check may re-raise a comparison's failure with more context: follow the chain
        if exc is None or isinstance(exc, CheckFailed) and exc.got is not None:
            break
        exc = exc.__cause__ or exc.__context__
    got = getattr(exc, "got", None)
    if not isinstance(got, np.ndarray):
        return ""
    calls = {call for call, value in returned if any(_same_array(part, got) for part in _parts(value))}
    return calls.pop() if len(calls) == 1 else ""  # two calls returned it: a coincidence, keep the last call


def _compared_failure(failure: BaseException) -> CheckFailed | None:
    """The CheckFailed that a comparison raised (through hypothesis' groups and re-raises), or None."""
    exc: BaseException | None = _root_failure(failure)
    for _ in range(8):
        if exc is None or isinstance(exc, CheckFailed) and (exc.got is not None or exc.nonfinite):
            break
        exc = exc.__cause__ or exc.__context__
    return exc if isinstance(exc, CheckFailed) else None


def _parts(value: Any) -> Iterable[Any]:
    """``value`` and everything inside it (tuples, lists, dict values), depth first."""
    yield value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else ()
    for item in items:
        yield from _parts(item)


def _same_array(value: Any, got: np.ndarray) -> bool:
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and value.shape == got.shape:
        return bool(np.array_equal(value.astype(np.float64), got, equal_nan=True))
    if isinstance(value, (int, float)) and not isinstance(value, bool) and got.shape == ():
        return bool(np.array_equal(np.float64(value), got, equal_nan=True))
    return False


def _figure_data(failure: BaseException | None, gradient_records: list | None) -> dict:
    """What the HTML report draws for a check: the compared arrays of the failure, the last gradient errors."""
    data: dict = {}
    exc = _root_failure(failure) if failure is not None else None
    for _ in range(8):  # a check may re-raise a comparison's failure with more context: follow the chain
        if exc is None:
            break
        if isinstance(exc, CheckFailed) and isinstance(exc.expected, np.ndarray) and isinstance(exc.got, np.ndarray):
            data["arrays"] = {"name": exc.name, "expected": exc.expected, "got": exc.got}
            break
        exc = exc.__cause__ or exc.__context__
    if gradient_records and gradient_records[-1]["names"]:
        last = gradient_records[-1]
        if failure is None or max(last["errors"]) > last["tol"]:  # not when the check failed for another reason
            data["gradients"] = last
    return data


def _abort_inside(exc: BaseException) -> SubmissionAbort | None:
    """A SubmissionAbort that hypothesis wrapped (in a group, or as the cause of one of its own errors)."""
    seen, stack = set(), [exc]
    while stack and len(seen) < 50:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, SubmissionAbort):
            return current
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
        stack.extend((current.__cause__, current.__context__))
    return None


def _failure_message(exc: BaseException) -> str:
    if isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        if "Flaky" in type(exc).__name__:
            return ("your code gave different results for the same input (does it keep state between calls, "
                    "or use randomness without the given seed?)")
        return _failure_message(exc.exceptions[0])
    if type(exc).__module__.startswith("hypothesis"):  # FlakyStrategyDefinition & co: never shown to a learner
        return ("the check could not finish: your code behaved differently when the same input was given again "
                "(slow, random or keeping state between calls?); run it again, and tell your instructor if it stays")
    if isinstance(exc, (AssertionError, StudentError)):
        return str(exc) or "assertion failed"
    if isinstance(exc, WireMisuse):
        return f"the check itself is broken (tell your instructor): {exc}"
    missing = re.fullmatch(r"'NoneType' object has no attribute '(\w+)'", str(exc))
    if isinstance(exc, AttributeError) and missing:
        return (f"your code returned None where the check needed an object with `.{missing[1]}` (the call below): "
                "a missing `return`? A `fit` method must end with `return self`, so that calls can be chained.")
    return f"the check could not use what your code returned: {type(exc).__name__}: {exc}"


def printed_output(parts: list[str], limit: int = 4000) -> str:
    """What the student's code printed during a check's last example: each line once, a run of the same
    line as that line and how many times it came, the last ``limit`` characters."""
    lines: list[str] = []
    counts: list[int] = []
    for line in "".join(p if p.endswith("\n") else p + "\n" for p in parts).splitlines():
        if lines and line == lines[-1]:
            counts[-1] += 1
        else:
            lines.append(line)
            counts.append(1)
    text = "\n".join(line if n == 1 else f"{line}  [{n} times]" for line, n in zip(lines, counts))
    return text[-limit:]


def _describe_example(example: dict) -> str:
    return ", ".join(f"{k}={describe(v, 600)}" for k, v in example.items() if v is not None)
