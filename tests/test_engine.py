"""The engine on a toy kata: plugins, proxy and handles, failures that must not stop grading, determinism."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from graders.plugins import load_registry
from graders.runner import GradeOptions, Runner


FIXTURES = Path(__file__).parent / "fixtures"
SUBMISSIONS = FIXTURES / "toy_submissions"
TOY_PLUGIN = str(FIXTURES / "toy_plugin.py")


@pytest.fixture(scope="module")
def toy():
    registry = load_registry([TOY_PLUGIN])
    return registry.katas["toy_double"]


def grade(kata, file, **options):
    options.setdefault("timeout", 1.0)
    return Runner(GradeOptions(**options)).grade([kata], SUBMISSIONS / file).katas[0]


def by_name(result):
    return {c.check: c for c in result.checks}


def test_plugin_loaded_from_a_path_and_from_a_module_name():
    assert "toy_double" in load_registry([TOY_PLUGIN]).katas
    assert "toy_double" in load_registry(["tests.fixtures.toy_plugin"]).katas
    assert "toy_double" not in load_registry().katas


def test_plugin_registered_in_code(tmp_path):
    plugin = tmp_path / "extra_kata.py"
    plugin.write_text(
        "from graders import Kata, hookimpl\n"
        "kata = Kata(id='extra', title='Extra', topic='t', difficulty=2, api=['f'])\n"
        "@hookimpl\n"
        "def register_katas(register):\n"
        "    register(kata)\n"
    )
    registry = load_registry([str(plugin)])
    assert registry.katas["extra"].title == "Extra"
    assert not registry.problems


def test_duplicate_ids_and_malformed_registrations_are_rejected(tmp_path):
    plugin = tmp_path / "dupe.py"
    plugin.write_text(
        "from graders import Kata, hookimpl\n"
        "@hookimpl\n"
        "def register_katas(register):\n"
        "    register(Kata(id='toy_double', title='Again', topic='t', difficulty=1, api=['f']))\n"
        "    register('not a kata')\n"
    )
    registry = load_registry([TOY_PLUGIN, str(plugin)])
    assert registry.katas["toy_double"].title.startswith("Toy")
    assert any("'toy_double'" in p and "already registered" in p for p in registry.problems)
    assert any("not a graders.Kata" in p for p in registry.problems)


def test_a_broken_plugin_is_one_line_and_the_rest_still_loads(tmp_path):
    plugin = tmp_path / "broken.py"
    plugin.write_text("raise RuntimeError('boom')\n")
    registry = load_registry([str(plugin), TOY_PLUGIN])
    assert "toy_double" in registry.katas
    assert len(registry.problems) == 1 and "boom" in registry.problems[0]


def test_reference_scores_100_through_handles_and_caches(toy):
    result = grade(toy, "good.py")
    assert result.score == 1.0, [c.message for c in result.checks]


def test_stub_is_not_started(toy):
    result = grade(toy, "stub.py")
    assert result.points == 0 and {c.status for c in result.checks} == {"not_started"}


def test_a_call_that_never_returns_fails_its_check_and_grading_goes_on(toy):
    result = by_name(grade(toy, "sleeper.py"))
    assert result["double_doubles"].status == "timeout"
    assert "did not return within 1 s" in result["double_doubles"].message
    assert result["square_backward_matches_numerical_gradient"].passed
    assert result["counter_counts"].passed


def test_a_call_that_exits_the_worker_fails_its_check_and_grading_goes_on(toy):
    result = by_name(grade(toy, "exiter.py"))
    assert result["double_doubles"].status == "crashed"
    assert "exited with code 0" in result["double_doubles"].message
    assert result["square_backward_matches_numerical_gradient"].passed


def test_syntax_error_is_one_sentence_with_the_line(toy):
    result = grade(toy, "syntax_error.py")
    assert result.points == 0
    assert re.search(r"syntax_error\.py has a syntax error on line 4", result.problem)


def test_missing_function_is_named_with_its_file(toy):
    result = by_name(grade(toy, "missing.py"))
    assert result["double_doubles"].status == "missing"
    assert "missing.py has no `double`" in result["double_doubles"].message
    assert result["counter_counts"].passed


def test_failures_explain_themselves(toy):
    result = by_name(grade(toy, "wrong.py"))
    double = result["double_doubles"]
    assert double.status == "failed"
    assert "double(x)" in double.message and "worst at index" in double.message
    assert double.call.startswith("double(float64 (")
    assert "doubling" in double.output
    grad = result["square_backward_matches_numerical_gradient"]
    assert "dx does not match the numerical gradient" in grad.message
    assert "constant factor of 0.5" in grad.message
    assert "total_" in result["counter_counts"].message


def test_grading_is_deterministic(toy):
    first = Runner(GradeOptions()).grade([toy], SUBMISSIONS / "wrong.py").to_dict(timings=False)
    second = Runner(GradeOptions()).grade([toy], SUBMISSIONS / "wrong.py").to_dict(timings=False)
    assert first == second


SEEN_INPUTS_PLUGIN = """
from hypothesis import given
from graders import Kata, hookimpl, strategies as kst
kata = Kata(id="seen", title="Seen", topic="t", difficulty=1, api=["double"],
            reference="tests.fixtures.toy_reference", max_examples=5)
kata.seen = {"public": [], "hidden": []}
@kata.check()
@given(x=kst.arrays((2,)))
def public_inputs(sub, ref, x):
    sub.double(x); kata.seen["public"].append(x.tobytes())
@kata.check(hidden=True)
@given(x=kst.arrays((2,)))
def hidden_inputs(sub, ref, x):
    sub.double(x); kata.seen["hidden"].append(x.tobytes())
@hookimpl
def register_katas(register):
    register(kata)
"""


def test_the_grading_seed_changes_hidden_inputs_only(tmp_path):
    plugin = tmp_path / "seen.py"
    plugin.write_text(SEEN_INPUTS_PLUGIN)
    kata = load_registry([str(plugin)]).katas["seen"]
    runs = {}
    for seed in ("0", "secret", "0"):
        kata.seen = {"public": [], "hidden": []}
        Runner(GradeOptions(seed=seed)).grade([kata], SUBMISSIONS / "good.py")
        runs.setdefault(seed, []).append(kata.seen)
    assert runs["0"][0] == runs["0"][1], "the same seed must draw the same inputs"
    assert runs["0"][0]["public"] == runs["secret"][0]["public"]
    assert runs["0"][0]["hidden"] != runs["secret"][0]["hidden"]


def test_public_checks_cannot_use_the_reference(tmp_path):
    plugin = tmp_path / "cheeky.py"
    plugin.write_text(
        "from graders import Kata, hookimpl\n"
        "kata = Kata(id='cheeky', title='Cheeky', topic='t', difficulty=1, api=['double'],\n"
        "            reference='tests.fixtures.toy_reference')\n"
        "@kata.check()\n"
        "def uses_ref(sub, ref):\n"
        "    sub.double(1.0); ref.double(1.0)\n"
        "@hookimpl\n"
        "def register_katas(register):\n"
        "    register(kata)\n"
    )
    kata = load_registry([str(plugin)]).katas["cheeky"]
    result = grade(kata, "good.py")
    assert result.checks[0].status == "error" and "public checks may not" in result.checks[0].message


def test_a_plugin_can_add_a_reporter(tmp_path):
    plugin = tmp_path / "csv_reporter.py"
    plugin.write_text(
        "from graders import hookimpl\n"
        "def write(report, stream, options):\n"
        "    stream.write(','.join(k.kata for k in report.katas))\n"
        "@hookimpl\n"
        "def register_reporters(register):\n"
        "    register('csv', write)\n"
        "    register('json', write)\n"
    )
    registry = load_registry([str(plugin)])
    assert {"terminal", "json", "csv"} <= set(registry.reporters)
    assert any("reporter 'json'" in p for p in registry.problems)


def test_a_missing_reference_fails_hidden_checks_only(tmp_path):
    plugin = tmp_path / "noref.py"
    plugin.write_text(
        "from graders import Kata, hookimpl\n"
        "kata = Kata(id='noref', title='No reference', topic='t', difficulty=1, api=['double'],\n"
        "            reference='no_such_reference_module')\n"
        "@kata.check()\n"
        "def public_one(sub, ref):\n"
        "    assert sub.double(1.0) == 2.0\n"
        "@kata.check(hidden=True)\n"
        "def hidden_one(sub, ref):\n"
        "    assert sub.double(1.0) == ref.double(1.0)\n"
        "@hookimpl\n"
        "def register_katas(register):\n"
        "    register(kata)\n"
    )
    result = by_name(grade(load_registry([str(plugin)]).katas["noref"], "good.py"))
    assert result["public_one"].passed
    assert result["hidden_one"].status == "error" and "no_such_reference_module" in result["hidden_one"].message


def test_a_kata_whose_checks_fail_to_import_is_reported_every_time(tmp_path):
    package = tmp_path / "halfkata"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from graders import Kata, hookimpl\n"
        "kata = Kata(id='halfkata', title='Half', topic='t', difficulty=1, api=['double'], package=__name__)\n"
        "@hookimpl\n"
        "def register_katas(register):\n"
        "    register(kata)\n"
    )
    (package / "public.py").write_text(
        "from . import kata\n@kata.check()\ndef fine(sub, ref):\n    sub.double(1.0)\n"
    )
    (package / "hidden.py").write_text(
        "from . import kata\n@kata.check(hidden=True)\ndef first(sub, ref):\n    sub.double(1.0)\n"
        "raise RuntimeError('hidden.py is broken')\n"
    )
    kata = load_registry([str(package)]).katas["halfkata"]
    for _ in range(2):
        with pytest.raises(RuntimeError, match="hidden.py is broken"):
            kata.checks
    result = grade(kata, "good.py")
    assert "could not be loaded" in result.problem and "hidden.py is broken" in result.problem
    assert result.score == 0


def test_within_puts_the_input_first_and_keeps_what_was_compared():
    import numpy as np

    from graders import CheckFailed, assert_close, within

    with pytest.raises(CheckFailed) as info:
        within("On x = [1, 2]:", assert_close, np.array([1.0, 3.0]), np.array([1.0, 2.0]), name="out")
    assert str(info.value).startswith("On x = [1, 2]:\nout: ")
    assert info.value.name == "out" and np.array_equal(info.value.expected, [1.0, 2.0])
    assert within("unused", lambda a: a + 1, 1) == 2


def test_assert_close_matches_infinities_exactly_and_without_a_warning():
    import warnings

    import numpy as np

    from graders import CheckFailed, assert_close

    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # inf - inf must not reach the learner as a RuntimeWarning
        assert_close(np.array([np.inf, 0.5]), np.array([np.inf, 0.5]), name="thresholds")
        for wrong in (-np.inf, 1e308, 0.5):                # an expected infinity is matched exactly, never within tolerance
            with pytest.raises(CheckFailed, match="thresholds: 1 of 2 elements differ; worst at index \\[0\\]"):
                assert_close(np.array([wrong, 0.5]), np.array([np.inf, 0.5]), name="thresholds")
