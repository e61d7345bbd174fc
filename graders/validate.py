"""``grade validate``: prove that a kata is fit to hand out.

Six steps per kata. Everything that runs a solution goes through the Runner,
so the reference, the stub and the known mistakes run in the sandbox worker
like any submission.

- files: README.md, hints.md with hints, public and hidden checks, a stub
  declaring the whole API, an importable reference, known mistakes
  (``mistakes.py``) whose edits still apply to the reference, prerequisites
  that exist;
- reference: the reference scores 100 %;
- stub: the stub scores 0;
- mistakes: every known mistake, built from the reference and its edit, fails
  at least one hidden check, or the engine's in-place check (the kill rate);
- public: the public checks pass on the reference while the reference module
  cannot be imported, with frozen values read back from their JSON form, and
  public.py imports neither the reference nor hidden.py;
- determinism: grading the reference and a known mistake again gives the same
  status, points and failing example for every check.
"""
from __future__ import annotations

import ast
import contextlib
import dataclasses
import importlib.util
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from graders.inplace import CHECK_NAME as INPLACE_CHECK
from graders.kata import Kata
from graders.mistakes import Mistake, MistakeError, WholeModule, write_modules
from graders.results import CheckResult, KataResult, Report
from graders.runner import GradeOptions, Runner


@dataclass
class Step:
    """One validation step: ``ok``, a one-line ``summary`` and a line per problem found."""

    name: str
    ok: bool
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class KataValidation:
    """Every step of one kata, and how many of its known mistakes the hidden checks catch (the kill rate)."""

    kata: str
    title: str
    steps: list[Step] = field(default_factory=list)
    mistakes_caught: int = 0
    mistakes_total: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    @property
    def kill_rate(self) -> float:
        return self.mistakes_caught / self.mistakes_total if self.mistakes_total else 0.0


def reference_file(kata: Kata) -> Path | None:
    """The file of the kata's reference module, or None when it cannot be found."""
    return kata.reference_path


def _catches(check: CheckResult) -> bool:
    """A failed check that proves a mistake is caught: a hidden one, or the engine's in-place check."""
    return check.visibility == "hidden" or check.check == INPLACE_CHECK


def _failures(result: KataResult, limit: int = 5) -> list[str]:
    lines = [f"{c.check}: {c.status}: {(c.message.splitlines() or [''])[0][:160]}" for c in result.checks if not c.passed]
    if result.problem and not result.checks:
        lines.insert(0, result.problem.splitlines()[0])
    return lines[:limit] + ([f"... and {len(lines) - limit} more"] if len(lines) > limit else [])


def _parse(path: Path) -> ast.Module:
    """The syntax tree of ``path`` (read, never executed); a syntax error becomes an empty module."""
    try:
        return ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, ValueError, UnicodeDecodeError):
        return ast.Module(body=[], type_ignores=[])


def _syntax_problem(path: Path) -> str | None:
    try:
        ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError as exc:
        return f"{path.name} has a syntax error on line {exc.lineno}"
    except (ValueError, UnicodeDecodeError) as exc:
        return f"{path.name} cannot be read as Python source ({exc})"
    return None


def _defined_names(path: Path) -> set[str]:
    """Top-level names a module defines (read, never executed)."""
    names: set[str] = set()
    for node in _parse(path).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _mistakes_and_problems(kata: Kata) -> tuple[list[Mistake], list[str]]:
    """The kata's known mistakes, and a sentence for each problem with them (an edit that no longer applies)."""
    try:
        mistakes = kata.mistakes
    except Exception as exc:  # noqa: BLE001 - a broken mistakes.py is a finding, not a crash
        return [], [f"mistakes.py could not be loaded: {type(exc).__name__}: {exc}"]
    if not mistakes:
        return [], ["no known mistake (declare them in mistakes.py)"]
    problems = []
    ref_file = reference_file(kata)
    source = ref_file.read_text(encoding="utf-8") if ref_file else None
    for mistake in mistakes:
        if source is not None:
            try:
                mistake.build_source(source, kata.id)
            except MistakeError as exc:
                problems.append(str(exc))
        if not mistake.culprits and not isinstance(mistake.edits[0], WholeModule):
            problems.append(f"kata {kata.id}, mistake {mistake.id}: no culprits (the outputs it breaks)")
    return mistakes, problems


def grade_mistakes(kata: Kata, mistakes: list[Mistake], options: GradeOptions) -> dict[str, Any]:
    """Grade each of ``mistakes`` (known mistakes of ``kata``) that can be built, like a submission:
    mistake id -> Report."""
    ref_file = reference_file(kata)
    if ref_file is None:
        return {}
    reports = {}
    with tempfile.TemporaryDirectory(prefix="ml-katas-mistakes-") as folder:
        files = write_modules(mistakes, ref_file.read_text(encoding="utf-8"), Path(folder), kata.id)
        results = Runner(options).grade_own(kata, list(files.values()))  # the kata's own code: one sandbox
        for (mistake_id, file), result in zip(files.items(), results):
            reports[mistake_id] = Report(submission=result.file, katas=[result], seconds=result.seconds)
    return reports


def files_step(kata: Kata, known_ids: set[str] | None = None) -> Step:
    """The kata's own files are all there and well-formed."""
    problems, found = [], []
    for name in ("README.md", "hints.md"):
        if kata.file(name) is None:
            problems.append(f"no {name} in {kata.folder}")
    hints = kata.file("hints.md")
    n_hints = hints.read_text(encoding="utf-8").count("## Hint") if hints else 0
    if hints and not n_hints:
        problems.append("hints.md has no '## Hint N' section")
    try:
        public, hidden = kata.checks_for(["public"]), kata.checks_for(["hidden"])
    except Exception as exc:  # noqa: BLE001 - a broken check module is a finding, not a crash
        problems.append(f"the checks could not be loaded: {type(exc).__name__}: {exc}")
        public = hidden = []
    problems += [] if public else ["no public check (public.py)"]
    problems += [] if hidden else ["no hidden check (hidden.py)"]
    stub = kata.stub_path
    if stub is None or not stub.is_file():
        problems.append(f"no stub at {stub}")
    elif _syntax_problem(stub):
        problems.append(f"the stub {_syntax_problem(stub)}")
    else:
        missing = [name for name in kata.api if name not in _defined_names(stub)]
        problems += [f"the stub {stub.name} does not define {', '.join(missing)}"] if missing else []
    if reference_file(kata) is None:
        problems.append(f"the reference {kata.reference_module} cannot be found")
    mistakes, mistake_problems = _mistakes_and_problems(kata)
    problems += mistake_problems
    if known_ids is not None:
        problems += [f"builds on unknown kata {dep!r}" for dep in kata.builds_on if dep not in known_ids]
    found = (f"README, hints ({n_hints}), {len(public)} public + {len(hidden)} hidden checks, stub, reference, "
             f"{len(mistakes)} known mistakes")
    return Step("files", not problems, found if not problems else f"{len(problems)} problem(s)", problems)


class _Hidden:
    """A meta path finder that refuses to import one module (and its submodules)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname == self.name or fullname.startswith(self.name + "."):
            raise ModuleNotFoundError(f"{fullname} is hidden: public checks must run without the reference",
                                      name=fullname)
        return None


@contextlib.contextmanager
def reference_hidden(module_name: str) -> Iterator[None]:
    """While inside, ``module_name`` cannot be imported in this process, as in a student edition."""
    saved = {n: m for n, m in sys.modules.items() if n == module_name or n.startswith(module_name + ".")}
    for name in saved:
        del sys.modules[name]
    parent_name, _, child = module_name.rpartition(".")
    parent = sys.modules.get(parent_name)
    attribute = parent.__dict__.pop(child, None) if parent is not None else None
    finder = _Hidden(module_name)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        sys.modules.update(saved)
        if attribute is not None:
            setattr(parent, child, attribute)


def private_imports(kata: Kata) -> list[str]:
    """Lines of public.py that import the reference or the hidden checks."""
    module = sys.modules.get(kata.package)
    public = kata.file("public.py") if module is not None and hasattr(module, "__path__") else None
    if public is None:
        return []
    private = (kata.reference_module, f"{kata.package}.hidden")
    found = []
    for node in ast.walk(_parse(public)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), kata.package)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if any(name == p or name.startswith(p + ".") for p in private):
                found.append(f"public.py line {node.lineno} imports {name}: public checks ship without it")
    return found


def public_step(kata: Kata, ref_file: Path, options: GradeOptions) -> Step:
    """The public checks pass on the reference with the reference module hidden and frozen values from JSON."""
    try:
        frozen = kata.freeze()
    except Exception as exc:  # noqa: BLE001
        return Step("public", False, "frozen values could not be computed", [f"{type(exc).__name__}: {exc}"])
    problems = private_imports(kata)
    with reference_hidden(kata.reference_module):
        result = Runner(dataclasses.replace(options, visibility=("public",))).grade([kata], ref_file).katas[0]
    problems += _failures(result)
    n = len(result.checks)
    frozen_note = f", {len(frozen)} frozen value(s)" if frozen else ""
    return Step("public", not problems, f"{n} public checks pass without the reference{frozen_note}"
                if not problems else "public checks need the reference or hidden.py", problems)


VERDICT_FIELDS = ("status", "points", "example")  # messages may hold timings or scratch paths; these may not differ


def _verdicts(report: Any) -> list[tuple]:
    return [(c.check, *(getattr(c, f) for f in VERDICT_FIELDS)) for k in report.katas for c in k.checks]


def _differences(first: Any, second: Any) -> list[str]:
    """A line per check whose status, points or failing example differ between two gradings."""
    lines = []
    for a, b in zip(_verdicts(first), _verdicts(second)):
        changed = [f for f, x, y in zip(VERDICT_FIELDS, a[1:], b[1:]) if x != y]
        if changed:
            lines.append(f"{a[0]}: {' and '.join(changed)} differ between two runs")
    if len(_verdicts(first)) != len(_verdicts(second)):
        lines.append("the two runs graded different checks")
    return lines


def validate_kata(kata: Kata, options: GradeOptions | None = None, known_ids: set[str] | None = None) -> KataValidation:
    """Run every step on ``kata``; steps that need a missing stub or reference fail as skipped."""
    start = time.perf_counter()
    options = options or GradeOptions()
    fast = dataclasses.replace(options, shrink=False, diagnose=False)
    validation = KataValidation(kata.id, kata.title)
    steps = validation.steps
    steps.append(files_step(kata, known_ids))
    ref_file, stub = reference_file(kata), kata.stub_path
    if ref_file is None:
        steps.append(Step("reference", False, "skipped: the reference cannot be found"))
        ref_report = None
    else:
        ref_report = Runner(options).grade([kata], ref_file)
        result = ref_report.katas[0]
        ok = bool(result.checks) and result.score == 1.0
        steps.append(Step("reference", ok, f"scores {100 * result.score:.0f} % ({result.points:g}/{result.max_points})",
                          [] if ok else _failures(result)))
    if stub is None or not stub.is_file():
        steps.append(Step("stub", False, "skipped: no stub"))
    else:
        result = Runner(fast).grade([kata], stub).katas[0]
        started = [c.check for c in result.checks if c.status != "not_started"]
        note = "every check not started" if not started else f"{len(started)} check(s) not reported as not started"
        passing = [f"{c.check} passes on the stub: a check must call the API before it can pass"
                   for c in result.checks if c.points]
        steps.append(Step("stub", result.points == 0, f"scores {result.points:g}/{result.max_points}, {note}", passing))
    mistakes, problems = _mistakes_and_problems(kata)
    mistake_reports, uncaught = grade_mistakes(kata, mistakes, fast), []
    for mistake in mistakes:
        report = mistake_reports.get(mistake.id)
        if report is None:
            uncaught.append(f"{mistake.id}: cannot be built (see files)")
            continue
        failed = [c for c in report.katas[0].checks if not c.passed]
        if any(_catches(c) for c in failed):
            validation.mistakes_caught += 1
            if not mistake.hidden_only and not any(c.visibility == "public" for c in failed):
                uncaught.append(f"{mistake.id}: {mistake.says} (no public check catches it, so a learner cannot "
                                "find it before handing in: add one, or say why none can with hidden_only=...)")
            continue
        also = f"fails only public checks: {', '.join(c.check for c in failed)}" if failed else "fails no check at all"
        uncaught.append(f"{mistake.id}: {mistake.says} ({also})")
    validation.mistakes_total = len(mistakes)
    steps.append(Step("mistakes", bool(mistakes) and not uncaught,
                      f"{validation.mistakes_caught}/{validation.mistakes_total} caught by a hidden check "
                      f"(kill rate {100 * validation.kill_rate:.0f} %)", uncaught))
    if ref_file is not None:
        steps.append(public_step(kata, ref_file, options))
        again = [(ref_report, Runner(options).grade([kata], ref_file))]
        if mistake_reports:
            first = next(iter(mistake_reports))
            regraded = grade_mistakes(kata, [kata.mistake(first)], fast)[first]
            again.append((mistake_reports[first], regraded))
        differences = [line for a, b in again for line in _differences(a, b)]
        what = "the reference" + (" and a known mistake" if len(again) > 1 else "")
        steps.append(Step("determinism", not differences, f"{what} graded twice: same verdicts and examples"
                          if not differences else "two runs gave different verdicts", differences))
    else:
        steps.append(Step("public", False, "skipped: the reference cannot be found"))
        steps.append(Step("determinism", False, "skipped: the reference cannot be found"))
    validation.seconds = time.perf_counter() - start
    return validation




def format_validation(v: KataValidation, color: bool = False) -> str:
    """The table of one kata: a line per step, its problems beneath."""
    def tag(ok: bool) -> str:
        text = "ok  " if ok else "FAIL"
        return click.style(text, fg="green" if ok else "red", bold=True) if color else text

    lines = [f"{v.kata}: {v.title}  ({v.seconds:.1f} s)"]
    for step in v.steps:
        lines.append(f"  {tag(step.ok)}  {step.name:<12} {step.summary}")
        lines += [f"          {detail}" for detail in step.details]
    return "\n".join(lines)


def format_summary(results: list[KataValidation]) -> str:
    bad = [v.kata for v in results if not v.ok]
    caught = sum(v.mistakes_caught for v in results)
    total = sum(v.mistakes_total for v in results)
    rate = f"; known mistakes caught: {caught}/{total}" if total else ""
    if not bad:
        return f"{len(results)} kata(s) fit to hand out{rate}"
    return f"{len(bad)} of {len(results)} kata(s) not fit to hand out: {', '.join(bad)}{rate}"


def _setup_validator(plugins: tuple[str, ...], options: GradeOptions) -> tuple:
    from graders.plugins import load_registry

    return load_registry(plugins), options


def _validate_job(context: tuple, kata_id: str) -> KataValidation:
    registry, options = context
    return validate_kata(registry.katas[kata_id], options, set(registry.katas))


def validate_katas(katas: list[Kata], options: GradeOptions, known_ids: set[str], jobs: int = 1,
                   plugins: tuple[str, ...] = (), on_result: Callable[[KataValidation], None] | None = None,
                   ) -> list[KataValidation]:
    """Validate ``katas``, in ``jobs`` grader processes when more than one; ``on_result`` as each finishes."""
    results = []
    if jobs <= 1 or len(katas) <= 1:
        for kata in katas:
            results.append(validate_kata(kata, options, known_ids))
            if on_result:
                on_result(results[-1])
        return results
    from graders.batch import absolute_plugins
    from graders.pool import GraderPool

    titles = {k.id: k.title for k in katas}
    pool = GraderPool(_setup_validator, (absolute_plugins(plugins), options), _validate_job, jobs)
    for outcome in pool.run([(k.id, k.id) for k in katas]):
        result = outcome.value if outcome.status == "done" else KataValidation(
            outcome.key, titles[outcome.key], [Step("validation", False, outcome.problem)])
        results.append(result)
        if on_result:
            on_result(result)
    order = {k.id: i for i, k in enumerate(katas)}
    return sorted(results, key=lambda v: order[v.kata])
