"""Diagnosis by replay: a failing example is replayed on the known mistakes, and the one that matches is named."""
from __future__ import annotations

import json
import textwrap

import numpy as np

from graders.replay import same_transcript, same_value
from graders.runner import GradeOptions, Runner
from graders.sandbox.proxy import Raised
from tests.test_validate import GOOD, make_kata

HANGS = ("hangs", "loops forever", 'replace("return 2.0 * x", "while True:\\n        pass")')
TRIPLES = ("triples", "multiplies by 3 instead of 2", 'replace("2.0 * x", "3.0 * x")')
# Adds 2 on the public check's example only: the same results as "adds" there, not on other examples.
LOOKALIKE = ("lookalike", "adds 2 on the example, triples elsewhere",
             'replace("return 2.0 * x", "return x + 2.0 if list(x) == [1.0, -2.0, 3.5] else 3.0 * x")')
TWIN = ("twin", "adds 2, written the other way round", 'replace("2.0 * x", "2.0 + x")')  # "adds" everywhere
ADDS_TOO = "def double(x):\n    return x + 2.0\n"


def grade(kata, tmp_path, source, **options):
    file = tmp_path / "submission" / "tiny.py"
    file.parent.mkdir(exist_ok=True)
    file.write_text(source)
    return Runner(GradeOptions(timeout=2.0, **options)).grade([kata], file)


def test_a_submission_that_makes_a_known_mistake_is_told_which(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch, mistakes=[TRIPLES, *GOOD["mistakes"]])
    report = grade(kata, tmp_path, "def double(x):\n    return 2.0 + x\n")
    failed = [c for c in report.katas[0].checks if c.status == "failed"]
    assert failed and all(c.diagnosis == {"mistake": "adds", "says": "adds 2 instead of doubling"} for c in failed)
    assert failed[0].message.startswith("Your results on this example are exactly those of a known mistake: adds 2 "
                                        "instead of doubling. Look at `double(x)`.\n")
    checks = json.loads(json.dumps(report.to_dict()))["katas"][0]["checks"]
    assert [c["diagnosis"] for c in checks] == [c.diagnosis for c in report.katas[0].checks]


def test_a_mistake_no_known_one_reproduces_is_not_named(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch, mistakes=[TRIPLES, *GOOD["mistakes"]])
    report = grade(kata, tmp_path, "def double(x):\n    return 2.0 * x + 1e-3\n")
    failed = [c for c in report.katas[0].checks if c.status == "failed"]
    assert failed and all(c.diagnosis is None and "known mistake" not in c.message for c in failed)
    assert all(c.diagnosis is None for c in report.katas[0].checks if c.passed)


def test_a_mistake_that_hangs_is_skipped_and_the_next_one_named(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch, mistakes=[HANGS, *GOOD["mistakes"]])
    report = grade(kata, tmp_path, "def double(x):\n    return x + 2.0\n")
    failed = [c for c in report.katas[0].checks if c.status == "failed"]
    assert failed and all((c.diagnosis or {}).get("mistake") == "adds" for c in failed)


def test_no_replay_when_diagnosis_is_off(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch)
    report = grade(kata, tmp_path, "def double(x):\n    return x + 2.0\n", diagnose=False)
    assert all(c.diagnosis is None and "known mistake" not in c.message for c in report.katas[0].checks)


def test_transcripts_match_only_value_for_value():
    a = [("f", (np.array([1.0, np.nan]), {"k": 2}))]
    assert same_transcript(a, [("f", (np.array([1.0, np.nan]) * (1 + 1e-12), {"k": 2}))])
    assert not same_transcript(a, [("f", (np.array([1.0 + 1e-6, np.nan]), {"k": 2}))])
    assert not same_transcript(a, [("g", (np.array([1.0, np.nan]), {"k": 2}))])  # another call
    assert not same_transcript(a, a + a)  # more calls
    assert not same_transcript([], [])  # nothing to compare is no match
    assert not same_value(np.array([1, 2]), np.array([1.0, 2.0]))  # int is not float
    assert not same_value(np.zeros((2, 1)), np.zeros(2))
    assert same_value(Raised("ValueError", "x"), Raised("ValueError", "x")) and not same_value(1, 1.0)
    assert not same_value(Raised("ValueError", "x"), Raised("ValueError", "y"))


def test_the_terminal_shows_a_cause_once_and_points_back_to_it():
    from graders.reporters.terminal import format_kata
    from graders.results import CheckResult, KataResult

    def failed(name, diagnosis=None, message="out differs"):
        return CheckResult("k", name, f"title of {name}", 0, 1, "failed", "hidden", message, "f(x)",
                           "x=array([[1, 2],\n [3, 4]]), w=" + "7" * 300, diagnosis=diagnosis)

    adds = {"mistake": "adds", "says": "adds 2 instead of doubling."}
    kata = KataResult("k", "K", "k.py", [failed("a", adds, "Your results ... adds 2\nout differs"),
                                         failed("b", adds, "other numbers"), failed("c", None, "dx differs"),
                                         failed("d", None, "dx differs"), failed("e", None, "db differs")])
    text = format_kata(kata)
    assert text.count("Your results ... adds 2") == 1 and "other numbers" not in text
    assert ('same cause as in check 1 above ("title of a"): adds 2 instead of doubling; -v shows this check\'s '
            "details") in text
    assert text.count("dx differs") == 1 and 'same cause as in check 3 above ("title of c")' in text
    assert "db differs" in text
    assert "example: x=array([[1, 2], [3, 4]]), w=7777" in text and "... (-v shows all)" in text  # one line
    verbose = format_kata(kata, verbose=True)
    assert "same cause" not in verbose and "other numbers" in verbose and "7" * 300 in verbose


def test_small_values_do_not_look_like_zero():
    from graders.describe import describe

    assert describe(np.array([1e-9, 0.5])) == "array([1.e-09, 5.e-01])"


def test_a_student_edition_names_a_mistake_from_its_frozen_probes_alone(tmp_path, monkeypatch):
    from graders.replay import PROBES_FILE, freeze_probes

    kata = make_kata(tmp_path, monkeypatch, mistakes=[TRIPLES, *GOOD["mistakes"]])
    probes = freeze_probes(kata, GradeOptions(timeout=2.0))
    assert [m["id"] for m in probes["mistakes"]] == ["triples", "adds"]
    assert {check for m in probes["mistakes"] for check, _, _ in m["probes"]} == {"doubles_examples"}  # public only
    assert len(probes["examples"]) == 1  # the example both fail on is stored once
    text = json.dumps(probes)
    assert "x + 2.0" not in text and "3.0 * x" not in text  # results on inputs, not code
    (kata.folder / PROBES_FILE).write_text(text)
    kata._mistakes = []  # as in a student edition: no mistakes.py
    report = grade(kata, tmp_path, "def double(x):\n    return 2.0 + x\n", visibility=("public",))
    failed = [c for c in report.katas[0].checks if c.status == "failed"]
    assert failed and failed[0].diagnosis == {"mistake": "adds", "says": "adds 2 instead of doubling"}
    report = grade(kata, tmp_path, "def double(x):\n    return 2.0 * x + 1e-3\n", visibility=("public",))
    assert all(c.diagnosis is None for c in report.katas[0].checks)


def test_the_call_line_is_the_call_whose_result_was_wrong(tmp_path, monkeypatch):
    hidden = GOOD["hidden"] + '''
@kata.check(points=1, hidden=True)
def first_result_checked_last(sub, ref):
    """two calls; the first one's result is compared after the second call"""
    first = sub.double(np.ones(3))
    sub.double(np.ones((2, 2)))
    assert_close(first, ref.double(np.ones(3)), name="double(ones(3))")
'''
    kata = make_kata(tmp_path, monkeypatch, hidden="import numpy as np\n" + hidden)
    report = grade(kata, tmp_path, "def double(x):\n    return x + 2.0\n", diagnose=False)
    check = next(c for c in report.katas[0].checks if c.check == "first_result_checked_last")
    assert check.status == "failed" and check.call == "double(float64 (3,))"


def test_mistakes_alike_on_the_failing_example_are_told_apart_on_the_others(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch, mistakes=[LOOKALIKE, *GOOD["mistakes"]])
    checks = grade(kata, tmp_path, ADDS_TOO).katas[0].checks
    public = next(c for c in checks if c.check == "doubles_examples")
    assert public.status == "failed"  # on which "lookalike", declared first, gives the learner's results too
    failed = [c for c in checks if c.status == "failed"]
    assert len(failed) == 2 and all(c.diagnosis == {"mistake": "adds", "says": "adds 2 instead of doubling"}
                                    for c in failed)


def test_mistakes_alike_on_every_example_are_both_named(tmp_path, monkeypatch):
    kata = make_kata(tmp_path, monkeypatch, mistakes=[*GOOD["mistakes"], TWIN])
    failed = [c for c in grade(kata, tmp_path, ADDS_TOO).katas[0].checks if c.status == "failed"]
    both = {"mistake": "adds", "says": "adds 2 instead of doubling",
            "also": [{"mistake": "twin", "says": "adds 2, written the other way round"}]}
    assert failed and all(c.diagnosis == both for c in failed)
    assert failed[0].message.startswith("Your results are exactly those of 2 known mistakes, which give the same "
                                        "results on every example tried: adds 2 instead of doubling; or adds 2, "
                                        "written the other way round. Look at `double(x)`.\n")


def test_the_student_edition_tells_mistakes_apart_on_their_other_probes(tmp_path, monkeypatch):
    from graders.replay import PROBES_FILE, freeze_probes

    public = GOOD["public"] + textwrap.dedent("""
        from hypothesis import given
        from graders import strategies as kst

        @kata.check(points=1)
        @given(x=kst.arrays(kst.shapes(1)))
        def doubles_any_array(sub, ref, x):
            \"\"\"double doubles\"\"\"
            assert_close(sub.double(x), 2.0 * x, name="double(x)")
        """)
    kata = make_kata(tmp_path, monkeypatch, public=public, mistakes=[LOOKALIKE, *GOOD["mistakes"]])
    probes = freeze_probes(kata, GradeOptions(timeout=2.0))
    assert {m["id"]: len(m["probes"]) for m in probes["mistakes"]} == {"lookalike": 2, "adds": 2}
    (kata.folder / PROBES_FILE).write_text(json.dumps(probes))
    kata._mistakes = []  # as in a student edition: no mistakes.py
    checks = grade(kata, tmp_path, ADDS_TOO, visibility=("public",)).katas[0].checks
    assert [c.status for c in checks][:2] == ["failed", "failed"]
    assert all(c.diagnosis == {"mistake": "adds", "says": "adds 2 instead of doubling"} for c in checks[:2])


def test_a_probe_digest_matches_only_the_same_array():
    from graders.replay import Digest

    a = np.linspace(-3, 5, 40).reshape(4, 10)
    frozen = Digest.from_json(json.loads(json.dumps(Digest.of(a).to_json()))["__digest__"])
    assert same_value(frozen, a * (1 + 1e-12)) and same_value(a, frozen)
    assert not same_value(frozen, a.T) and not same_value(frozen, a * (1 + 1e-6))
    changed = a.copy()
    changed[2, 3] += 1e-4
    assert not same_value(frozen, changed)
    swapped = a.copy()
    swapped[0, [0, 1]] = swapped[0, [1, 0]]  # the same values elsewhere: the sum alone would not see it
    assert not same_value(frozen, swapped)
    holes = a.copy()
    holes[1, 1] = np.nan
    moved = a.copy()
    moved[1, 2] = np.nan
    assert same_value(Digest.of(holes), holes) and not same_value(Digest.of(holes), moved)


ZEROES = ("zeroes_its_input", "sets x to zero after doubling it", 'replace("    return 2.0 * x", '
         '"    out = 2.0 * x\\n    x[:] = 0.0\\n    return out")')
DOUBLES_IN_PLACE = ("doubles_in_place", "doubles x in place (x *= 2) and returns it",
                    'replace("    return 2.0 * x", "    x *= 2.0\\n    return x")')


def test_a_change_in_place_is_named_by_replaying_where_it_was_seen(tmp_path, monkeypatch):
    """The engine's in-place check makes no call: its diagnosis replays the example of the check during which the
    first change was seen, on each known mistake, and compares the changes (not only that something changed)."""
    kata = make_kata(tmp_path, monkeypatch, mistakes=[ZEROES, DOUBLES_IN_PLACE, *GOOD["mistakes"]])
    report = grade(kata, tmp_path, "def double(x):\n    x *= 2.0\n    return x\n")
    failed = [c for c in report.katas[0].checks if c.status == "failed"]
    assert [c.check for c in failed] == ["leaves_its_inputs_unchanged"]
    assert failed[0].diagnosis == {"mistake": "doubles_in_place", "says": DOUBLES_IN_PLACE[1]}
    assert failed[0].message.startswith("Your code changes its input exactly as a known mistake does: doubles x in "
                                        "place"), failed[0].message
    other = grade(kata, tmp_path, "def double(x):\n    x -= 0.5\n    return 2.0 * (x + 0.5)\n")
    assert [c.diagnosis for c in other.katas[0].checks if c.status == "failed"] == [None]


def test_a_student_edition_names_a_change_in_place_from_its_probes(tmp_path, monkeypatch):
    from graders.replay import PROBES_FILE, freeze_probes

    kata = make_kata(tmp_path, monkeypatch, mistakes=[ZEROES, DOUBLES_IN_PLACE])  # only in-place probes
    probes = freeze_probes(kata, GradeOptions(timeout=2.0))
    in_place = {m["id"]: change for m in probes["mistakes"] for change in m.get("changes", [])}
    assert set(in_place) == {"zeroes_its_input", "doubles_in_place"}
    assert in_place["doubles_in_place"][0] == "doubles_examples"  # the check where the change was seen
    text = json.dumps(probes)
    assert "x *= 2.0" not in text and "x[:] = 0.0" not in text
    (kata.folder / PROBES_FILE).write_text(text)
    kata._mistakes = []  # as in a student edition: no mistakes.py
    report = grade(kata, tmp_path, "def double(x):\n    x *= 2.0\n    return x\n", visibility=("public",))
    failed = [c for c in report.katas[0].checks if c.status == "failed"]
    assert [c.diagnosis["mistake"] for c in failed] == ["doubles_in_place"]
    report = grade(kata, tmp_path, "def double(x):\n    x -= 0.5\n    return 2.0 * (x + 0.5)\n", visibility=("public",))
    assert [c.diagnosis for c in report.katas[0].checks if c.status == "failed"] == [None]


def test_results_the_reference_gives_too_name_no_mistake(tmp_path, monkeypatch):
    """A check that fails for another reason than the values (here: always) on an example where a known mistake
    gives the reference's results: the results are evidence of no mistake, so none is named."""
    hidden = GOOD["hidden"] + textwrap.dedent('''
        import numpy as np

        @kata.check(points=1, hidden=True)
        def fast_enough(sub, ref):
            """double is fast enough"""
            sub.double(np.ones(2))
            raise AssertionError("double(x) was too slow")
        ''')
    right_on_pairs = ("right_on_pairs", "adds 2 except on two elements",
                      'replace("return 2.0 * x", "return 2.0 * x if x.shape == (2,) else x + 2.0")')
    kata = make_kata(tmp_path, monkeypatch, hidden=hidden, mistakes=[right_on_pairs, *GOOD["mistakes"]])
    checks = grade(kata, tmp_path, GOOD["reference"]).katas[0].checks
    slow = next(c for c in checks if c.check == "fast_enough")
    assert slow.status == "failed" and slow.diagnosis is None and "known mistake" not in slow.message
    checks = grade(kata, tmp_path, "def double(x):\n    return 2.0 * x if x.shape == (2,) else x + 2.0\n").katas[0]
    assert next(c for c in checks.checks if c.check == "matches_reference").diagnosis["mistake"] == "right_on_pairs"


def test_a_frozen_call_compares_dicts_whatever_their_key_order():
    from graders.replay import FrozenCall

    a, b = np.arange(12.0), np.arange(3.0)
    frozen = FrozenCall.of(({"w": a, "b": b}, 2.5, "ok"))
    assert same_value(frozen, ({"b": b, "w": a}, 2.5, "ok"))
    assert not same_value(frozen, ({"b": b, "w": a}, 2.5, "no"))  # a plain leaf differs
    assert not same_value(frozen, ({"b": a[:3], "w": b}, 2.5, "ok"))  # the arrays swapped
    assert not same_value(frozen, ({"w": a, "b": b}, 2, "ok"))  # an int is not a float
