"""The learner's loop: show, hint, list, next, reset and the saved progress, on two tiny lesson katas."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from graders.cli import main
from graders.learner import read_hints
from graders.progress import FILE_NAME, load_progress
from graders.plugins import load_registry

LESSON = '''
from pathlib import Path
from graders import Kata, assert_close, hookimpl

kata = Kata(id="{id}", title="{title}", topic="warm-up", difficulty=1, api=["{func}"], package=__name__,
            builds_on={builds_on}, stub={stub}, max_examples=3, timeout=5.0)


@kata.check(points=1)
def gives_the_right_value(sub, ref):
    """{func}(1.0) is {want}"""
    assert_close(sub.{func}(1.0), {want}, name="{func}(1.0)")


@kata.check(points=2)
def is_right_on_an_array(sub, ref):
    """{func} works element-wise"""
    import numpy as np
    x = np.array([0.0, 2.0])
    assert_close(sub.{func}(x), {expr}, name="{func}(x)")


@hookimpl
def register_katas(register):
    register(kata)
'''
STUB = '''def {func}(x):
    """{title}.

    Args:
        x: (N,) float64 array, or a float.
    Returns:
        (N,) float64, like x.
    """
    raise NotImplementedError
'''
HINTS = "## Hint 1\n\nStart small.\n\n## Hint 2\n\nUse `+`.\n\n## Hint 3\n\n`return x + {n}`.\n"
LESSONS = [
    {"id": "lesson_one", "title": "Add one", "func": "add_one", "want": "2.0", "expr": "x + 1", "builds_on": "()", "n": 1},
    {"id": "lesson_two", "title": "Add two", "func": "add_two", "want": "3.0", "expr": "x + 2",
     "builds_on": "('lesson_one',)", "n": 2},
]


def make_lessons(root: Path, stubs_in_folder: bool = False) -> tuple[list[str], Path]:
    """Two kata packages (lesson_one, then lesson_two which builds on it) and a learner's folder of stubs.

    With ``stubs_in_folder`` the stubs are the learner's files themselves, as in this project's
    ``student/``. Returns the ``--plugin`` options and the folder."""
    options = []
    folder = root / "work"
    for lesson in LESSONS:
        package = root / "plugins" / lesson["id"]
        package.mkdir(parents=True)
        stub = folder / f"{lesson['id']}.py" if stubs_in_folder else package / "stub.py"
        (package / "__init__.py").write_text(LESSON.format(**lesson, stub=f"Path({str(stub)!r})"))
        (package / "stub.py").write_text(STUB.format(**lesson))
        (package / "README.md").write_text(f"# {lesson['title']}\n\nImplement `{lesson['func']}(x)`.\n")
        (package / "hints.md").write_text(HINTS.format(**lesson))
        options += ["--plugin", str(package)]
    folder.mkdir()
    for lesson in LESSONS:
        (folder / f"{lesson['id']}.py").write_text(STUB.format(**lesson))
    return options, folder


def mark_builtins_done(folder: Path) -> None:
    """Record every built-in kata as done, so that the lessons are all that is left to do."""
    progress = load_progress(folder)
    for kata_id in load_registry().katas:
        progress.entry(kata_id).status = "done"
    progress.save()


def solve(folder: Path, kata_id: str, body: str | None = None) -> None:
    lesson = next(item for item in LESSONS if item["id"] == kata_id)
    body = body or f"return x + {lesson['n']}"
    (folder / f"{kata_id}.py").write_text(f"def {lesson['func']}(x):\n    {body}\n")


@pytest.fixture
def lessons(tmp_path):
    return make_lessons(tmp_path)


def cli(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_show_gives_statement_api_builds_on_and_score(lessons):
    plugins, folder = lessons
    run = cli("show", "lesson_two", *plugins, "-s", str(folder))
    assert run.exit_code == 0
    assert "Implement `add_two(x)`." in run.output
    assert "add_two(x)" in run.output and "x: (N,) float64 array" in run.output
    assert "builds on: lesson_one" in run.output and "not graded yet" in run.output
    solve(folder, "lesson_two", "return x + 2.5")
    cli(*plugins, "--kata", "lesson_two", "-s", str(folder))
    run = cli("show", "lesson_two", *plugins, "-s", str(folder))
    assert "in progress: score 0/4 (0 %)" in run.output


def test_show_gives_the_standing_on_every_kata_it_builds_on(lessons):
    plugins, folder = lessons
    assert "builds on: lesson_one (not graded yet)" in cli("show", "lesson_two", *plugins, "-s", str(folder)).output
    solve(folder, "lesson_one")
    cli(*plugins, "--kata", "lesson_one", "-s", str(folder))
    run = cli("show", "lesson_two", *plugins, "-s", str(folder))
    assert "builds on: lesson_one (done: score" in run.output


def test_hints_are_revealed_one_at_a_time_and_remembered(lessons):
    plugins, folder = lessons
    first = cli("hint", "lesson_one", *plugins, "-s", str(folder)).output
    assert "Start small." in first and "Use `+`" not in first and "hint 1 of 3" in first
    second = cli("hint", "lesson_one", *plugins, "-s", str(folder)).output
    assert "Use `+`" in second and "Start small." not in second and "hint 2 of 3" in second
    assert load_progress(folder).get("lesson_one").hints_shown == 2
    third = cli("hint", "lesson_one", *plugins, "-s", str(folder)).output
    assert "That was the last hint." in third
    again = cli("hint", "lesson_one", *plugins, "-s", str(folder)).output
    assert "return x + 1" in again and "last of 3 hints" in again
    every = cli("hint", "lesson_two", *plugins, "--all", "-s", str(folder)).output
    assert all(text in every for text in ("Start small.", "Use `+`", "return x + 2"))


def test_hints_are_split_on_their_headings(lessons):
    plugins, _ = lessons
    kata = load_registry([plugins[1]]).katas["lesson_one"]
    assert [h.splitlines()[0] for h in read_hints(kata)] == ["## Hint 1", "## Hint 2", "## Hint 3"]


def test_list_shows_status_difficulty_topic_and_a_total(lessons):
    plugins, folder = lessons
    fresh = cli("list", *plugins, "-s", str(folder)).output
    assert "0 done, 0 in progress" in fresh
    solve(folder, "lesson_one")
    solve(folder, "lesson_two", "return x + 2.5")
    graded = cli(*plugins, "--kata", "lesson_one", "--kata", "lesson_two", "-s", str(folder))
    assert graded.exit_code == 1
    progress = json.loads((folder / FILE_NAME).read_text())
    assert progress["katas"]["lesson_one"]["status"] == "done"
    listed = cli("list", *plugins, "-s", str(folder)).output
    one = next(line for line in listed.splitlines() if line.startswith("lesson_one"))
    two = next(line for line in listed.splitlines() if line.startswith("lesson_two"))
    assert "*  " in one and "warm-up" in one and one.rstrip().endswith("done 100 %")
    assert "(after lesson_one)" in two and two.rstrip().endswith("in progress 0 %")
    assert "1 done, 1 in progress" in listed


def test_next_is_the_first_kata_not_done_in_learning_order(lessons):
    plugins, folder = lessons
    mark_builtins_done(folder)
    assert "next: lesson_one" in cli("next", *plugins, "-s", str(folder)).output
    solve(folder, "lesson_one")
    cli(*plugins, "--kata", "lesson_one", "-s", str(folder))
    assert "next: lesson_two" in cli("next", *plugins, "-s", str(folder)).output
    solve(folder, "lesson_two")
    cli(*plugins, "--kata", "lesson_two", "-s", str(folder))
    assert "Every kata is done" in cli("next", *plugins, "-s", str(folder)).output


def test_reset_asks_first_restores_the_stub_and_keeps_a_backup(lessons):
    plugins, folder = lessons
    solve(folder, "lesson_one")
    cli(*plugins, "--kata", "lesson_one", "-s", str(folder))
    refused = cli("reset", "lesson_one", *plugins, "-s", str(folder), input="n\n")
    assert "Nothing changed." in refused.output and "return x + 1" in (folder / "lesson_one.py").read_text()
    done = cli("reset", "lesson_one", *plugins, "-s", str(folder), input="y\n")
    assert done.exit_code == 0 and "is the stub again" in done.output
    assert "raise NotImplementedError" in (folder / "lesson_one.py").read_text()
    [backup] = (folder / ".ml-katas-backups").iterdir()
    assert "return x + 1" in backup.read_text()
    assert "lesson_one" not in load_progress(folder).katas


def test_reset_of_an_edited_stub_takes_the_version_git_first_recorded(tmp_path):
    plugins, folder = make_lessons(tmp_path, stubs_in_folder=True)
    stub = folder / "lesson_one.py"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=stub.parent, check=True)
    subprocess.run([*git, "add", "lesson_one.py"], cwd=stub.parent, check=True)
    subprocess.run([*git, "commit", "-qm", "stub"], cwd=stub.parent, check=True)
    stub.write_text("def add_one(x):\n    return x + 1\n")
    subprocess.run([*git, "commit", "-qam", "my work"], cwd=stub.parent, check=True)
    # the learner works in the stub's own folder, as in this project's student/
    run = cli("reset", "lesson_one", *plugins, "-s", str(folder), "--yes")
    assert run.exit_code == 0, run.output
    assert stub.read_text() == STUB.format(**LESSONS[0])
    (stub.parent / ".git").rename(stub.parent / "no-git")  # without git history there is no stub to restore
    run = cli("reset", "lesson_one", *plugins, "-s", str(folder), "--yes")
    assert run.exit_code == 1 and "git has no earlier version" in run.output


def test_a_broken_progress_file_is_one_warning_and_is_rewritten(lessons):
    plugins, folder = lessons
    (folder / FILE_NAME).write_text('{"version": 1, "katas": {"lesson_one": {"hints_shown": "many"}}}')
    run = cli("hint", "lesson_one", *plugins, "-s", str(folder))
    assert run.exit_code == 0 and "Start small." in run.output
    assert run.output.count("warning: ignoring the unreadable progress file") == 1
    assert json.loads((folder / FILE_NAME).read_text())["katas"]["lesson_one"]["hints_shown"] == 1
    (folder / FILE_NAME).write_text("{not json")
    run = cli("next", *plugins, "-s", str(folder))
    assert run.exit_code == 0 and "next: " in run.output and "warning:" in run.output


def test_a_single_file_submission_writes_no_progress(lessons):
    plugins, folder = lessons
    solve(folder, "lesson_one")
    cli(*plugins, "--kata", "lesson_one", "-s", str(folder / "lesson_one.py"))
    assert not (folder / FILE_NAME).exists()


def test_unknown_kata_and_a_file_instead_of_a_folder_are_usage_errors(lessons):
    plugins, folder = lessons
    run = cli("hint", "lesson_on", *plugins, "-s", str(folder))
    assert run.exit_code == 2 and "Did you mean 'lesson_one'" in run.output
    run = cli("show", "lesson_one", *plugins, "-s", str(folder / "lesson_one.py"))
    assert run.exit_code == 2 and "needs the folder of your katas" in run.output


# -- feedback: guesses at the mistake, known mistakes, kata diagnoses ------------------------------------

import numpy as np  # noqa: E402

from graders.checks import CheckFailed, assert_array, assert_close, assert_equal  # noqa: E402
from graders.runner import GradeOptions, Runner  # noqa: E402


@pytest.mark.parametrize("got,want,hint", [
    ((3,), (4, 3), "The first (batch) axis is missing: did you sum or average over the batch axis?"),
    ((4,), (4, 3), "The last axis is missing"),
    ((4, 1, 3), (4, 3), "extra axis of length 1: did you use keepdims=True?"),
    ((3, 4), (4, 3), "It looks transposed."),
    ((6, 2), (3, 4), "Same number of elements in another shape"),
    ((4, 2), (4, 3), "Axis 1 has the wrong length"),
])
def test_a_wrong_shape_gets_a_hint(got, want, hint):
    with pytest.raises(CheckFailed) as failure:
        assert_array(np.zeros(got), name="db", shape=want)
    assert f"db: wrong shape: expected {want}, got {got}." in str(failure.value) and hint in str(failure.value)


def test_exact_comparisons_name_the_first_difference_and_print_integers_as_integers():
    expected = np.arange(40)[None, :]
    got = expected.copy()
    got[0, [6, 30]] = got[0, [30, 6]]
    with pytest.raises(CheckFailed) as failure:
        assert_equal(got, expected, name="indices")
    message = str(failure.value)
    assert message.splitlines()[0] == "indices: 2 of 40 elements differ; first at index [0, 6]: expected 6, got 30."
    assert "int64 (1, 40)" in message and " 30, " in message and "float64" not in message and "allowed" not in message


def test_known_mistakes_are_named_and_the_compared_arrays_kept():
    x = np.arange(1.0, 7.0).reshape(2, 3)
    with pytest.raises(CheckFailed) as failure:
        assert_close(x.sum(axis=1, keepdims=True) / 3, x, name="out", mistakes={"never": x + 1})
    assert "Looks like" not in str(failure.value)
    with pytest.raises(CheckFailed) as failure:
        assert_close(x - x.max(), x, name="out", mistakes={
            "the sign is wrong": lambda: -x, "you subtracted the global maximum": lambda: x - x.max()})
    first_line = str(failure.value).splitlines()[0]
    assert first_line.endswith("Looks like: you subtracted the global maximum")
    assert failure.value.name == "out" and np.array_equal(failure.value.expected, x)
    assert np.array_equal(failure.value.got, x - x.max())


DIAGNOSED = '''
import numpy as np
from graders import Kata, assert_close, hookimpl
from graders.checks import diagnosis

kata = Kata(id="diagnosed", title="Diagnosed", topic="t", difficulty=1, api=["column_sums"], max_examples=3,
            inputs_unchanged=False)


@kata.check(points=1)
@diagnosis(r"wrong shape", "column_sums sums over the rows: axis=0.")
@diagnosis(r"NaN", "never shown: the message has no NaN")
def sums_columns(sub, ref):
    """column_sums of a (2, 3) array has shape (3,)"""
    x = np.arange(6.0).reshape(2, 3)
    assert_close(sub.column_sums(x), x.sum(axis=0), name="column_sums(x)")


@hookimpl
def register_katas(register):
    register(kata)
'''


def test_a_kata_attaches_diagnoses_to_its_checks(tmp_path):
    plugin = tmp_path / "diagnosed.py"
    plugin.write_text(DIAGNOSED)
    kata = load_registry([str(plugin)]).katas["diagnosed"]
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def column_sums(x):\n    return x.sum(axis=1)\n")
    [check] = Runner(GradeOptions()).grade([kata], wrong).katas[0].checks
    assert check.status == "failed"
    assert "wrong shape: expected (3,), got (2,)" in check.message
    assert check.message.endswith("Hint: column_sums sums over the rows: axis=0.")
    assert "never shown" not in check.message
    stub = tmp_path / "stub.py"
    stub.write_text("def column_sums(x):\n    raise NotImplementedError\n")
    [check] = Runner(GradeOptions()).grade([kata], stub).katas[0].checks
    assert check.status == "not_started" and "Hint" not in check.message


FITTED = '''
import numpy as np
from graders import Kata, assert_close, expect_fitted, hookimpl

kata = Kata(id="fitted", title="Fitted", topic="t", difficulty=1, api=["Mean"], inputs_unchanged=False)
X = np.arange(6.0).reshape(3, 2)


@kata.check(points=1)
def fit_returns_the_model(sub, ref):
    """Mean().fit(X) returns the model"""
    expect_fitted(sub.Mean().fit(X), call="Mean().fit(X)", then="Mean().fit(X).predict(X)")


@kata.check(points=1)
def chained_predict(sub, ref):
    """Mean().fit(X).predict(X) repeats the column means"""
    assert_close(sub.Mean().fit(X).predict(X), np.tile(X.mean(axis=0), (3, 1)), name="predict(X)")


@hookimpl
def register_katas(register):
    register(kata)
'''
MEAN = '''
import numpy as np
class Mean:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        return {returned}
    def predict(self, X):
        return np.tile(self.mean_, (len(X), 1))
'''


@pytest.mark.parametrize("returned,shown", [("None", "got None"), ("self.mean_", "got array([2., 3.])")])
def test_a_fit_that_does_not_return_self_is_told_so(tmp_path, returned, shown):
    plugin = tmp_path / "fitted.py"
    plugin.write_text(FITTED)
    kata = load_registry([str(plugin)]).katas["fitted"]
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(MEAN.format(returned="self"))
    bad.write_text(MEAN.format(returned=returned))
    assert Runner(GradeOptions()).grade([kata], good).katas[0].score == 1.0
    direct, chained = Runner(GradeOptions()).grade([kata], bad).katas[0].checks
    assert direct.message == ("Mean().fit(X) should return self (the fitted model, so that Mean().fit(X).predict(X) "
                              f"works), {shown}.")
    if returned == "None":  # without expect_fitted, the engine still says what went wrong in a sentence
        assert chained.message.startswith("your code returned None where the check needed an object with "
                                          "`.predict` (the call below): a missing `return`?")
