"""The ``grade`` command line.

``grade --kata lstm`` grades ``student/lstm.py``; ``grade list`` shows the
katas. Exit codes: 0 every graded check passed, 1 some did not, 2 usage error.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from graders.kata import Kata
from graders.plugins import Registry, load_registry
from graders.reporters.terminal import format_total
from graders.runner import GradeOptions, Runner
from graders.sandbox import ISOLATION_LEVELS, IsolationUnavailable, Limits, describe_isolation

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
    ]
    for limit in dataclasses.fields(Limits):
        options.append(click.option(f"--{limit.name.replace('_', '-')}", limit.name, type=click.IntRange(min=1),
                                    default=limit.default, show_default=True, help=limit.metadata["help"]))
    for option in reversed(options):
        func = option(func)
    return func


def build_options(params: dict, **extra: Any) -> GradeOptions:
    limits = Limits(**{f.name: params[f.name] for f in dataclasses.fields(Limits)})
    return GradeOptions(limits=limits, isolation=params["isolation"], seed=params.get("seed"),
                        timeout=params.get("timeout"), **extra)


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
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH", help="Load an extra plugin.")
@click.option("--public-only", is_flag=True, help="Run only the public checks.")
@click.option("--verbose", "-v", is_flag=True, help="Show timings.")
@click.option("-x", "--failed-first", "fail_fast", is_flag=True, help="Stop at the first failing check.")
@grading_options
@click.pass_context
def main(ctx: click.Context, kata_ids, all_katas, submission, json_path, plugins, public_only, verbose, fail_fast,
         **params) -> None:
    """Grade your katas: ``grade --kata lstm``. ``grade list`` shows them all."""
    if ctx.invoked_subcommand is not None:
        return
    registry = registry_from(ctx)
    katas = select_katas(registry, kata_ids, all_katas)
    path = resolve_submission(submission)
    if path.is_file() and len(katas) != 1:
        raise click.UsageError("a single file can be graded as one kata only: name it with --kata")
    visibility = ("public",) if public_only else ("public", "hidden")
    runner = make_runner(build_options(params, visibility=visibility, fail_fast=fail_fast))
    color = use_color()
    click.echo(describe_isolation(runner.isolation), err=True)
    terminal = registry.reporters["terminal"]
    report = runner.grade(
        katas, path,
        on_kata=lambda k: terminal(_single(k, runner), sys.stdout, {"verbose": verbose, "color": color}),
    )
    if len(report.katas) > 1:
        click.echo(format_total(report))
    if json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            registry.reporters["json"](report, f, {"timings": True})
    ctx.exit(0 if report.all_passed else 1)


def _single(kata_result, runner: Runner):
    from graders.results import Report

    return Report(submission="", katas=[kata_result], isolation=runner.isolation)


@main.command("list")
@click.option("--submission", "-s", metavar="PATH", help="Also grade this folder and show each kata's score.")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH", help="Load an extra plugin.")
@grading_options
@click.pass_context
def list_command(ctx: click.Context, submission, plugins, **params) -> None:
    """Every kata in learning order: id, title, topic, difficulty (and score with --submission)."""
    registry = registry_from(ctx, plugins)
    katas = registry.ordered()
    scores: dict[str, str] = {}
    if submission:
        path = resolve_submission(submission)
        report = make_runner(build_options(params)).grade(katas, path)
        for k in report.katas:
            scores[k.kata] = "not started" if k.not_started else f"{100 * k.score:.0f} %"
    width = max((len(k.id) for k in katas), default=4)
    for kata in katas:
        stars = "*" * kata.difficulty
        after = f"  (after {', '.join(kata.builds_on)})" if kata.builds_on else ""
        score = f"  {scores[kata.id]:>11}" if submission else ""
        click.echo(f"{kata.id:<{width}}  {stars:<5}  {kata.topic:<24} {kata.title}{after}{score}")
    click.echo(f"{len(katas)} katas")


if __name__ == "__main__":
    main()
