"""The ``grade`` command line.

``grade --kata lstm`` grades ``student/lstm.py``; ``grade list`` shows the
katas. Exit codes: 0 every graded check passed, 1 some did not, 2 usage error.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from graders import learner
from graders.kata import Kata
from graders.plugins import Registry, load_registry
from graders.progress import load_progress, status_of
from graders.reporters.terminal import BatchProgress, ProgressLine, format_total
from graders.results import Report
from graders.runner import RUN_BUDGET, SEED_ENV, GradeOptions, Runner, shown_path
from graders.sandbox import ISOLATION_LEVELS, IsolationUnavailable, Limits, describe_isolation
from graders.sandbox.privileges import scrub_secret
from graders.watch import Watcher, ctrl_c_ends_within

CTRL_C_SECONDS = 10.0  # the longest a watch may take to end after Ctrl-C

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def use_color(stream: Any = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def default_submission() -> Path:
    """``./student`` when it exists, else the project's ``student/``."""
    here = Path.cwd() / "student"
    if here.is_dir():
        return here
    return PROJECT_ROOT / "student"


def registry_from(ctx: click.Context, plugins: tuple[str, ...] = ()) -> Registry:
    """Load plugins once per invocation; print each plugin problem as one line on stderr."""
    root = ctx.find_root()
    wanted = tuple(root.params.get("plugins") or ()) + tuple(plugins)
    cache = root.meta.setdefault("registries", {})
    if wanted not in cache:
        registry = load_registry(wanted)
        for problem in registry.problems:
            click.echo(f"warning: {problem}", err=True)
        cache[wanted] = registry
    return cache[wanted]


def resolve_submission(path: str | None) -> Path:
    submission = Path(path) if path else default_submission()
    if not submission.exists():
        raise click.UsageError(f"no such folder or file: {submission}")
    return submission


def select_katas(registry: Registry, ids: tuple[str, ...], all_katas: bool) -> list[Kata]:
    if all_katas:
        return registry.ordered()
    if not ids:
        raise click.UsageError("name a kata with --kata ID (or --all); `grade list` shows them all")
    katas = []
    for kata_id in ids:
        try:
            katas.append(registry.kata(kata_id))
        except KeyError as exc:
            raise click.UsageError(exc.args[0]) from None
    return katas


def grading_options(func: Callable) -> Callable:
    """Options shared by every command that grades: the timeout, the isolation level, every worker limit."""
    options = [
        click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds one call may take (default: the kata's)."),
        click.option("--isolation", type=click.Choice(ISOLATION_LEVELS), default="auto", show_default=True,
                     help="bwrap: full sandbox (Linux + bubblewrap); process: a separate limited process."),
        click.option("--seed", help="Grading seed for hidden checks (default: $ML_KATAS_SEED, else 0)."),
        click.option("--budget", type=click.FloatRange(min=1), default=RUN_BUDGET, show_default=True,
                     help="Seconds a whole grading run may take; checks left when it is spent are not run."),
    ]
    for limit in dataclasses.fields(Limits):
        options.append(click.option(f"--{limit.name.replace('_', '-')}", limit.name, type=click.IntRange(min=1),
                                    default=limit.default, show_default=True, help=limit.metadata["help"]))
    for option in reversed(options):
        func = option(func)
    return func


def build_options(params: dict, **extra: Any) -> GradeOptions:
    limits = Limits(**{f.name: params[f.name] for f in dataclasses.fields(Limits)})
    seed = params.get("seed")
    if seed is None and os.environ.get(SEED_ENV) is not None:
        seed = os.environ[SEED_ENV]
    if seed is not None:  # out of what a worker running as this user could read of this process
        scrub_secret(seed, SEED_ENV)
    return GradeOptions(limits=limits, isolation=params["isolation"], seed=seed,
                        timeout=params.get("timeout"), budget=params.get("budget") or RUN_BUDGET, **extra)


def make_runner(options: GradeOptions) -> Runner:
    try:
        return Runner(options)
    except IsolationUnavailable as exc:
        raise click.UsageError(str(exc)) from None


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--kata", "-k", "kata_ids", multiple=True, metavar="ID", help="Kata to grade (repeatable).")
@click.option("--all", "all_katas", is_flag=True, help="Grade every kata.")
@click.option("--submission", "-s", metavar="PATH",
              help="Folder laid out like student/ (default), or one .py file for one kata.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, writable=True), help="Also write the report as JSON.")
@click.option("--format", "report_format", default="terminal", show_default=True, metavar="NAME",
              help="Report format: terminal, json, junit, gradescope, exercism, github-classroom (or a plugin's).")
@click.option("--output", "-o", "output_path", type=click.Path(dir_okay=False, writable=True),
              help="Write the report in --format to this file instead of the terminal.")
@click.option("--format-option", "format_options", multiple=True, metavar="KEY=VALUE",
              help="An option of the report format, e.g. hidden_visibility=hidden for gradescope.")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH", help="Load an extra plugin.")
@click.option("--public-only", is_flag=True, help="Run only the public checks.")
@click.option("--report", "html_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write an HTML page with every check and figures (needs matplotlib).")
@click.option("--verbose", "-v", is_flag=True, help="Show the time of every check and kata.")
@click.option("-x", "--exitfirst", "fail_fast", is_flag=True,
              help="Stop at the first failing check (no score is shown or saved for a kata not graded in full).")
@grading_options
@click.pass_context
def main(ctx: click.Context, kata_ids, all_katas, submission, json_path, report_format, output_path, format_options,
         html_path, plugins, public_only, verbose, fail_fast, **params) -> None:
    """Grade your katas: ``grade --kata lstm``. ``grade list`` shows them all."""
    if ctx.invoked_subcommand is not None:
        return
    registry = registry_from(ctx)
    katas = select_katas(registry, kata_ids, all_katas)
    path = resolve_submission(submission)
    if path.is_file() and len(katas) != 1:
        raise click.UsageError("a single file can be graded as one kata only: name it with --kata")
    reporter = select_reporter(registry, report_format)
    reporter_options = parse_format_options(format_options)
    visibility = ("public",) if public_only else ("public", "hidden")
    builder = html_builder(registry, plugins) if html_path else None
    runner = make_runner(build_options(params, visibility=visibility, fail_fast=fail_fast,
                                       figure_data=builder is not None))
    color = use_color()
    click.echo(describe_isolation(runner.isolation, runner.options.isolation), err=True)
    streaming = report_format == "terminal" and not output_path
    terminal = registry.reporters["terminal"]
    line = ProgressLine(sys.stderr)

    with graded_path(path, katas) as graded:
        def show_kata(result) -> None:
            line.clear()
            if graded != path:
                relabel_notebook(result, graded, path)
            if streaming:
                terminal(_single(result, runner), sys.stdout, {"verbose": verbose, "color": color})

        report = runner.grade(katas, graded, on_kata=show_kata, on_start=line.show,
                              after_kata=builder.after_kata if builder else None)
    report.submission = shown_path(path)
    save_progress(report, path)
    if builder:
        builder.write(report, Path(html_path))
        click.echo(f"report: {html_path}", err=True)
    if streaming and (len(report.katas) > 1 or report.not_graded):
        click.echo(format_total(report))
    if not streaming:
        write_report(reporter, report, output_path, {"verbose": verbose, "color": False, **reporter_options})
    if json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            registry.reporters["json"](report, f, {"timings": True})
    ctx.exit(0 if report.all_passed else 1)


def html_builder(registry: Registry, plugins: tuple[str, ...]) -> Any:
    """The HTML report's builder with every kata figure; a usage error without matplotlib."""
    from graders.figures import FiguresUnavailable
    from graders.html_report import ReportBuilder

    try:
        builder, problems = ReportBuilder.for_plugins(plugins)
    except FiguresUnavailable as exc:
        raise click.UsageError(str(exc)) from None
    for problem in problems:
        if problem not in registry.problems:
            click.echo(f"warning: {problem}", err=True)
    return builder


@contextlib.contextmanager
def graded_path(path: Path, katas: list[Kata]) -> Iterator[Path]:
    """``path`` itself, or for a notebook (``.ipynb``) its code cells as a temporary ``.py`` file."""
    if path.suffix != ".ipynb":
        yield path
        return
    from graders.notebooks import NotebookError, notebook_as_file

    try:
        with notebook_as_file(path, katas[0].id) as (file, notes):
            for note in notes:
                click.echo(f"note: {note}", err=True)
            yield file
    except NotebookError as exc:
        raise click.UsageError(str(exc)) from None


def relabel_notebook(result: Any, file: Path, notebook: Path) -> None:
    """Name the notebook, not the temporary file its code cells were graded from."""
    from graders.notebooks import relabel

    relabel(result, file, notebook)


def select_reporter(registry: Registry, name: str) -> Callable[..., None]:
    """The reporter registered as ``name``; an unknown name is a usage error listing the known ones."""
    if name not in registry.reporters:
        raise click.UsageError(f"unknown format {name!r}; choose one of {', '.join(sorted(registry.reporters))}")
    return registry.reporters[name]


def parse_format_options(pairs: tuple[str, ...]) -> dict[str, str]:
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--format-option takes KEY=VALUE, not {pair!r}")
        options[key] = value
    return options


def write_report(reporter: Callable[..., None], report: Any, output_path: str | None, options: dict) -> None:
    """Write ``report`` with ``reporter`` to ``output_path``, or to stdout."""
    try:
        if output_path:
            with open(output_path, "w", encoding="utf-8") as f:
                reporter(report, f, options)
        else:
            reporter(report, sys.stdout, options)
    except ValueError as exc:  # a reporter refusing one of its --format-option values
        raise click.UsageError(str(exc)) from None


def _single(kata_result, runner: Runner):
    from graders.results import Report

    return Report(submission="", katas=[kata_result], isolation=runner.isolation)


@main.command("list")
@click.option("--submission", "-s", metavar="PATH",
              help="Grade this folder (or file) now and show each kata's score; default: your saved progress.")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH", help="Load an extra plugin.")
@grading_options
@click.pass_context
def list_command(ctx: click.Context, submission, plugins, **params) -> None:
    """Every kata in learning order: difficulty, topic, title and your status (not started, in progress, done)."""
    registry = registry_from(ctx, plugins)
    katas = registry.ordered()
    if submission:
        path = resolve_submission(submission)
        line = ProgressLine(sys.stderr)
        report = make_runner(build_options(params)).grade(katas, path, on_start=line.show, on_kata=line.clear)
        standing = {k.kata: learner.Standing(status_of(k), k.points, k.max_points) for k in report.katas}
        save_progress(report, path)
    else:
        folder = default_submission()
        standing = learner.standings(katas, load_progress(folder), folder)
    click.echo(learner.format_list(katas, standing, use_color()), color=use_color())


def kata_argument(ctx: click.Context, kata_id: str, plugins: tuple[str, ...] = ()) -> Kata:
    """The kata named on the command line, or a usage error with a did-you-mean."""
    try:
        return registry_from(ctx, plugins).kata(kata_id)
    except KeyError as exc:
        raise click.UsageError(exc.args[0]) from None


def submission_folder(path: str | None) -> Path:
    """The learner's folder (default ``student/``); a file is a usage error here."""
    folder = resolve_submission(path)
    if not folder.is_dir():
        raise click.UsageError(f"{folder} is a file: this command needs the folder of your katas (like student/)")
    return folder


def learner_options(func: Callable) -> Callable:
    """``--submission`` (a folder) and ``--plugin``, for the learner's commands."""
    func = click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH", help="Load an extra plugin.")(func)
    return click.option("--submission", "-s", metavar="FOLDER", help="Your katas' folder (default: student/).")(func)


@main.command("show")
@click.argument("kata_id", metavar="KATA")
@learner_options
@click.pass_context
def show_command(ctx: click.Context, kata_id, submission, plugins) -> None:
    """The statement of KATA, its API with shapes, what it builds on and your current score."""
    kata = kata_argument(ctx, kata_id, plugins)
    folder = submission_folder(submission)
    progress = load_progress(folder)
    file = folder / f"{kata.id}.py"
    standing = learner.standing_text(progress.get(kata.id), progress.is_stale(kata.id, file))
    prerequisites = {dep: learner.standing_text(progress.get(dep), progress.is_stale(dep, folder / f"{dep}.py"))
                     for dep in kata.builds_on}
    click.echo(learner.format_show(kata, standing, shown_path(file), prerequisites))


@main.command("hint")
@click.argument("kata_id", metavar="KATA")
@click.option("--all", "show_all", is_flag=True, help="Show every hint.")
@learner_options
@click.pass_context
def hint_command(ctx: click.Context, kata_id, show_all, submission, plugins) -> None:
    """Reveal the next hint of KATA, gentlest first (your folder remembers how many you have seen)."""
    kata = kata_argument(ctx, kata_id, plugins)
    progress = load_progress(submission_folder(submission))
    click.echo(learner.reveal_hints(kata, progress, show_all))
    progress.save()


@main.command("next")
@learner_options
@click.pass_context
def next_command(ctx: click.Context, submission, plugins) -> None:
    """The next kata to work on: the first in learning order that is not done."""
    registry = registry_from(ctx, plugins)
    folder = submission_folder(submission)
    kata = learner.next_kata(registry.ordered(), load_progress(folder))
    if kata is None:
        click.echo("Every kata is done. Congratulations!")
        return
    click.echo(f"next: {kata.id}: {kata.title}\n"
               f"  open {shown_path(folder / f'{kata.id}.py')}, read `grade show {kata.id}`, "
               f"then `grade --kata {kata.id}` (or `grade watch {kata.id}`)")


@main.command("reset")
@click.argument("kata_id", metavar="KATA")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@learner_options
@click.pass_context
def reset_command(ctx: click.Context, kata_id, yes, submission, plugins) -> None:
    """Put the stub of KATA back in your folder (your file is kept as a backup) and forget its score."""
    kata = kata_argument(ctx, kata_id, plugins)
    folder = submission_folder(submission)
    target = shown_path(folder / f"{kata.id}.py")
    if not yes and not click.confirm(f"Replace {target} with the empty stub? (a backup of yours is kept)"):
        click.echo("Nothing changed.")
        return
    progress = load_progress(folder)
    try:
        backup = learner.reset_kata(kata, folder, progress)
    except OSError as exc:
        raise click.ClickException(str(exc)) from None
    progress.save()
    kept = f"; your previous file is in {shown_path(backup)}" if backup else ""
    click.echo(f"{target} is the stub again{kept}.")


@main.command("watch")
@click.argument("kata_id", metavar="[KATA]", required=False)
@click.option("--interval", type=click.FloatRange(min=0.05), default=0.3, show_default=True,
              help="Seconds between two looks at your files.")
@click.option("--max-cycles", type=click.IntRange(min=1), hidden=True, help="Stop after this many gradings (tests).")
@learner_options
@grading_options
@click.pass_context
def watch_command(ctx: click.Context, kata_id, interval, max_cycles, submission, plugins, **params) -> None:
    """Regrade KATA (default: the next one) every time you save, and move on when it is done."""
    registry = registry_from(ctx, plugins)
    folder = submission_folder(submission)
    progress = load_progress(folder)
    katas = registry.ordered()
    current = kata_argument(ctx, kata_id, plugins) if kata_id else learner.next_kata(katas, progress)
    if current is None:
        click.echo("Every kata is done. Congratulations! (`grade watch KATA` watches one anyway)")
        return
    runner = make_runner(build_options(params, visibility=("public", "hidden")))
    click.echo(describe_isolation(runner.isolation, runner.options.isolation), err=True)
    watcher = Watcher(runner, katas, folder, progress, current, sys.stdout, color=use_color(),
                      clear=bool(getattr(sys.stdout, "isatty", lambda: False)()))
    farewell = f"Stopped watching. Your progress is saved in {shown_path(progress.path)}."
    try:
        with ctrl_c_ends_within(CTRL_C_SECONDS, farewell):
            watcher.run(max_cycles=max_cycles, interval=interval)
    except KeyboardInterrupt:
        click.echo(f"\n{farewell}")


@main.command("notebook")
@click.argument("kata_id", metavar="KATA")
@click.option("--output", "-o", "folder", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write KATA.ipynb in.")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH", help="Load an extra plugin.")
@click.pass_context
def notebook_command(ctx: click.Context, kata_id, folder, plugins) -> None:
    """Write a Jupyter notebook for KATA: the statement, the stub, and a last cell (`%grade KATA`) that grades it."""
    from graders.notebooks import NotebookError, write_notebook

    kata = kata_argument(ctx, kata_id, plugins)
    try:
        path = write_notebook(kata, Path(folder))
    except NotebookError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {shown_path(path)}: open it in Jupyter and run `%grade {kata.id}` (its last cell) to grade "
               f"what your kernel ran; `grade --kata {kata.id} --submission {shown_path(path)}` grades it as saved")


def save_progress(report: Report, submission: Path) -> None:
    """Remember the scores of a folder submission in its progress file."""
    if submission.is_dir():
        progress = load_progress(submission)
        progress.record_report(report, submission)
        progress.save()


# -- the instructor's commands: the logic lives in graders.scaffold, validate, release, batch and gradescope --------


def plugin_specs(ctx: click.Context, plugins: tuple[str, ...]) -> tuple[str, ...]:
    """Every ``--plugin`` given, before and after the command name."""
    return tuple(ctx.find_root().params.get("plugins") or ()) + tuple(plugins)


def plugin_option(func: Callable) -> Callable:
    return click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH", help="Load an extra plugin.")(func)


def kata_selection(func: Callable) -> Callable:
    return click.option("--kata", "-k", "kata_ids", multiple=True, metavar="ID",
                        help="A kata (repeatable; default: every kata).")(func)


def chosen_katas(ctx: click.Context, kata_ids: tuple[str, ...], plugins: tuple[str, ...]) -> list[Kata]:
    """The katas named with --kata, else every kata of this tree (for release and the exports)."""
    from graders.release import in_tree, project_root

    registry = registry_from(ctx, plugins)
    if kata_ids:
        return select_katas(registry, kata_ids, False)
    root = project_root()
    return [k for k in registry.ordered() if in_tree(k, root)]


@main.command("new")
@click.argument("kata_id", metavar="KATA_ID")
@click.option("--in", "root", type=click.Path(file_okay=False), default=".", show_default=True,
              help="The course tree, holding katas/, student/ and reference/.")
@click.option("--title", help="The one-line title (default: from the id).")
@click.option("--topic", default="TODO", show_default=True, help="The topic shown by `grade list`.")
@plugin_option
@click.pass_context
def new_command(ctx: click.Context, kata_id, root, title, topic, plugins) -> None:
    """Scaffold kata KATA_ID (folder, stub, reference, one public and one hidden check, a known mistake); it validates."""
    from graders.scaffold import ScaffoldError, create_kata

    try:
        files = create_kata(kata_id, Path(root), title, topic, taken=set(registry_from(ctx, plugins).katas))
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    for file in files:
        click.echo(f"created {shown_path(file)}")
    click.echo(f"next: `grade validate --kata {kata_id}`, then replace the placeholder {kata_id}(x) everywhere")


@main.command("validate")
@kata_selection
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Katas validated in parallel processes.")
@plugin_option
@grading_options
@click.pass_context
def validate_command(ctx: click.Context, kata_ids, jobs, plugins, **params) -> None:
    """Prove katas fit to hand out: reference 100 %, stub 0, known mistakes caught, public checks without the reference."""
    from graders.validate import format_summary, format_validation, validate_katas

    registry = registry_from(ctx, plugins)
    katas = select_katas(registry, kata_ids, all_katas=not kata_ids)
    options = build_options(params)
    click.echo(describe_isolation(make_runner(options).isolation, options.isolation), err=True)
    color = use_color()
    results = validate_katas(katas, options, set(registry.katas), jobs, plugin_specs(ctx, plugins),
                             on_result=lambda v: click.echo(format_validation(v, color) + "\n", color=color))
    click.echo(format_summary(results))
    ctx.exit(0 if all(v.ok for v in results) else 1)


@main.command("release")
@click.argument("out_dir", type=click.Path(file_okay=False))
@kata_selection
@click.option("--no-check", is_flag=True, help="Do not grade the references first (warnings about unfinished katas).")
@plugin_option
@click.pass_context
def release_command(ctx: click.Context, out_dir, kata_ids, no_check, plugins) -> None:
    """Build the student edition in OUT_DIR: no reference, no hidden checks, no known mistakes."""
    from graders.release import ReleaseError, build_edition, project_root, unfinished

    try:
        katas = chosen_katas(ctx, kata_ids, plugins)
        for problem in [] if no_check else unfinished(katas):
            click.echo(f"warning: {problem}", err=True)
        files = build_edition(katas, Path(out_dir), project_root())
    except ReleaseError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"student edition of {len(katas)} katas in {out_dir} ({len(files)} files): "
               "no reference, hidden checks or known mistakes")
    click.echo(f"try it: cd {out_dir} && pip install -e . && python grade.py list")


@main.command("batch")
@click.argument("submissions_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="grades", show_default=True,
              help="Where the gradebook, the reports and the state for resuming go.")
@kata_selection
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True,
              help="Submissions graded in parallel processes.")
@click.option("--submission-timeout", type=click.FloatRange(min=1), default=600.0, show_default=True,
              help="Seconds one submission may take in all; then it is stopped and the others go on.")
@click.option("--public-only", is_flag=True, help="Run only the public checks.")
@click.option("--reports", "report_kinds", multiple=True, type=click.Choice(["html"]),
              help="Also give each student the learner's HTML report (reports/<student>.html).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Grade on the workers of this Dask scheduler (tcp://host:8786); needs ml-katas[distributed].")
@click.option("--cluster", metavar="local:N", help="Grade on a local Dask cluster of N worker processes.")
@click.option("--allow-same-user", is_flag=True,
              help="Grade even without bubblewrap as an ordinary user, where submissions can reach each other.")
@plugin_option
@grading_options
@click.pass_context
def batch_command(ctx: click.Context, submissions_dir, out_dir, kata_ids, jobs, submission_timeout, public_only,
                  report_kinds, scheduler, cluster, allow_same_user, plugins, **params) -> None:
    """Grade a class: each folder, .zip or notebook in SUBMISSIONS_DIR is one student's; writes CSV gradebooks."""
    from graders.batch import BatchConfig, UnsafeBatch, run_batch
    from graders.class_report import write_class_report

    registry = registry_from(ctx, plugins)
    katas = select_katas(registry, kata_ids, all_katas=not kata_ids)
    options = build_options(params, visibility=("public",) if public_only else ("public", "hidden"))
    click.echo(describe_isolation(make_runner(options).isolation, options.isolation), err=True)
    config = BatchConfig(options, jobs, submission_timeout, plugin_specs(ctx, plugins), scheduler=scheduler,
                         cluster=local_cluster_size(cluster), html_reports="html" in report_kinds,
                         allow_same_user=allow_same_user)
    if "html" in report_kinds:
        html_builder(registry, ())  # a usage error now, not after grading, when matplotlib is missing
    progress = BatchProgress(sys.stdout)
    try:
        result = run_batch(Path(submissions_dir), Path(out_dir), katas, config, echo=click.echo,
                           on_graded=lambda done, total, row: progress.update(done, total, row.line(),
                                                                              keep=bool(row.note)))
    except (ImportError, UnsafeBatch) as exc:
        raise click.UsageError(str(exc)) from None
    page = write_class_report(Path(out_dir), katas)
    skipped = sum(r.skipped for r in result.rows)
    click.echo(f"{len(result.rows)} submissions: {len(result.rows) - skipped - len(result.problems)} graded, "
               f"{skipped} unchanged, {len(result.problems)} could not be graded; gradebook: {result.gradebook} "
               f"(also for Canvas and Moodle); class report: {page}")
    ctx.exit(1 if result.problems else 0)


def local_cluster_size(spec: str | None) -> int | None:
    """``local:4`` -> 4; anything else is a usage error."""
    if spec is None:
        return None
    kind, _, count = spec.partition(":")
    if kind != "local" or not count.isdigit() or int(count) < 1:
        raise click.UsageError(f"--cluster takes local:N (N worker processes), not {spec!r}")
    return int(count)


@main.command("stats")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False))
def stats_command(out_dir) -> None:
    """Rebuild class-report.html from the JSON reports of a batch's output folder OUT_DIR (every kata in them)."""
    from graders.class_report import ClassReportError, write_class_report

    try:
        page = write_class_report(Path(out_dir))
    except ClassReportError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"class report: {page}")


@main.group("export")
def export_group() -> None:
    """Export katas to the platforms courses grade on."""


@export_group.command("gradescope")
@click.argument("out_zip", type=click.Path(dir_okay=False))
@kata_selection
@click.option("--seed", help="Grading seed for hidden checks (default: $ML_KATAS_SEED, else a new random one).")
@click.option("--hidden-visibility", type=click.Choice(["hidden", "after_due_date", "after_published"]),
              default="after_published", show_default=True, help="When students see the hidden checks' results.")
@click.option("--time-budget", type=click.FloatRange(min=1), default=540.0, show_default=True,
              help="Seconds one submission may take in all; keep it below the assignment's time limit.")
@plugin_option
@click.pass_context
def export_gradescope_command(ctx: click.Context, out_zip, kata_ids, seed, hidden_visibility, time_budget,
                              plugins) -> None:
    """Build a Gradescope autograder bundle (setup.sh, run_autograder, the katas with hidden checks)."""
    from graders.gradescope import build_bundle
    from graders.release import ReleaseError

    try:
        katas = chosen_katas(ctx, kata_ids, plugins)
        names = build_bundle(katas, Path(out_zip), seed or os.environ.get("ML_KATAS_SEED"), hidden_visibility,
                             time_budget)
    except ReleaseError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"Gradescope autograder for {len(katas)} katas in {out_zip} ({len(names)} files); "
               "upload it as the assignment's autograder (the grading seed is inside: keep the zip private)")


@export_group.command("github-classroom")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@kata_selection
@plugin_option
@click.pass_context
def export_github_classroom_command(ctx: click.Context, folder, kata_ids, plugins) -> None:
    """Write FOLDER/.github/workflows/classroom.yml: GitHub Classroom autograding with partial credit per check."""
    from graders.github_classroom import export_workflow
    from graders.release import ReleaseError

    try:
        path = export_workflow(chosen_katas(ctx, kata_ids, plugins), Path(folder))
    except ReleaseError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {path}: commit it to the assignment's template repository. For hidden checks, set the "
               "organization secret ML_KATAS_GRADER_TOKEN, the variable ML_KATAS_PRIVATE_REPO and the secret "
               "ML_KATAS_SEED (docs/instructors.md)")


@export_group.command("prairielearn")
@click.argument("out_dir", type=click.Path(file_okay=False))
@kata_selection
@click.option("--seed", help="Grading seed for hidden checks (default: $ML_KATAS_SEED, else a new random one).")
@click.option("--image", default="prairielearn/grader-python", show_default=True,
              help="The grading image (build the Dockerfile the export writes, which adds what ml-katas needs).")
@click.option("--timeout", type=click.IntRange(min=11, max=600), default=120, show_default=True,
              help="Seconds PrairieLearn gives one grading job; the grader keeps 10 s of it in reserve.")
@plugin_option
@click.pass_context
def export_prairielearn_command(ctx: click.Context, out_dir, kata_ids, seed, image, timeout, plugins) -> None:
    """Write a PrairieLearn course skeleton into OUT_DIR: a question per kata, graded externally by ml-katas."""
    from graders.prairielearn import export_course
    from graders.release import ReleaseError

    try:
        katas = chosen_katas(ctx, kata_ids, plugins)
        files = export_course(katas, Path(out_dir), seed or os.environ.get("ML_KATAS_SEED"), image, timeout)
    except ReleaseError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"PrairieLearn questions for {len(katas)} katas in {out_dir} ({len(files)} files): "
               "questions/ml_katas/<kata>, graded from serverFilesCourse/ml_katas (it holds the references, hidden "
               "checks and the grading seed: keep the course repository private)")


if __name__ == "__main__":
    main()
