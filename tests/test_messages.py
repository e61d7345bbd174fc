"""Messages that are true of the mistake: remarks confirmed beyond the shrunk example, never on values that are
legitimate, NaN and inf traced to the line that produced them, and a failing example that shows the mistake at
full strength (tests/fixtures/toy_messages_plugin.py, and real katas)."""
from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from graders.plugins import load_registry
from graders.remarks import REMARKS, remark, unconfirmed
from graders.runner import GradeOptions, Runner

TOY_PLUGIN = str(Path(__file__).parent / "fixtures" / "toy_messages_plugin.py")
CORRECT = (Path(__file__).parent / "fixtures" / "toy_messages_reference.py").read_text()


@pytest.fixture(scope="module")
def toy():
    return load_registry([TOY_PLUGIN]).katas["toy_messages"]


def grade(kata, tmp_path, source: str, **options) -> dict:
    """{check name: CheckResult} of ``source`` (the reference's text with functions replaced) graded as learners are."""
    file = tmp_path / f"{kata.id}.py"
    file.write_text(CORRECT + "\n" + textwrap.dedent(source))
    options.setdefault("diagnose", False)
    result = Runner(GradeOptions(keep_evidence=True, **options)).grade([kata], file).katas[0]
    return {c.check: c for c in result.checks}


# -- remarks, one example at a time ---------------------------------------------------------------------------

def test_a_factor_needs_two_distinct_expected_values():
    """Equal expected values make any uniform error look like a factor: a missing "+ 1" on [2, 2, 2]."""
    assert remark(np.array([1.0, 1.0, 1.0]), np.array([2.0, 2.0, 2.0])) == ""
    assert "constant factor of 0.5" in remark(np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]))
    assert "constant factor of 2" in remark(np.array([0.5, -0.5]), np.array([0.25, -0.25]))  # signs differ: informative


def test_a_transpose_needs_a_matrix_that_is_not_symmetric():
    symmetric = np.array([[1.0, 2.0], [2.0, 1.0]])
    assert remark(symmetric * 0 + np.eye(2), symmetric) == ""
    square = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert "transpose" in remark(square.T.copy(), square)


def test_zeros_and_factors_are_not_remarked_on_integer_results():
    """0 is a valid index and a ratio of labels means nothing; a transposed count matrix is still said."""
    assert remark(np.zeros(3), np.array([2.0, 1.0, 2.0]), integers=True) == ""
    assert remark(np.array([2.0, 4.0, 6.0]), np.array([1.0, 2.0, 3.0]), integers=True) == ""
    assert "transpose" in remark(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([[0.0, 1.0], [0.0, 0.0]]),
                                 integers=True)


def test_a_remark_needs_two_examples_and_no_refutation():
    def seen(got, expected):
        log: list = []
        token = REMARKS.set(log)
        try:
            remark(np.array(got), np.array(expected), name="out(eps=0.1)")
        finally:
            REMARKS.reset(token)
        return log

    factor = seen([2.0, 4.0], [1.0, 2.0])
    said = [r for r in factor if r.text]
    assert [r.kind for r in said] == ["factor"]
    other = seen([2.0, 4.0, 7.0], [1.0, 2.0, 3.0])  # refutes the factor
    assert unconfirmed(factor, [factor]) == said  # one example is not enough
    assert unconfirmed(factor, [factor, seen([3.0, 1.0], [1.5, 0.5])]) == []
    assert unconfirmed(factor, [factor, seen([3.0, 1.0], [1.5, 0.5]), other]) == said


# -- remarks, through the runner --------------------------------------------------------------------------------

def test_a_factor_true_only_of_the_shrunk_example_is_not_said(toy, tmp_path):
    """Wrong by "+ 1" on every size but 2, where it is exactly twice: hypothesis shrinks to size 2, where the
    old remark said "off by a constant factor of 2"."""
    checks = grade(toy, tmp_path, """
        def scale(x):
            return x * 6 if x.size == 2 else x * 3 + 1
    """)
    failed = checks["scale_triples"]
    assert not failed.passed and failed.evidence["example"]["x"].size == 2  # the example where it would hold
    assert "constant factor" not in failed.message


def test_a_factor_true_of_the_mistake_is_still_said(toy, tmp_path):
    checks = grade(toy, tmp_path, """
        def scale(x):
            return x * 1.5
    """)
    assert "off by a constant factor of 0.5" in checks["scale_triples"].message


def test_a_call_that_hangs_while_confirming_a_remark_costs_later_checks_nothing(toy, tmp_path):
    """The extra examples tried to confirm a remark only explain: a timeout there does not mark the function hung."""
    checks = grade(toy, tmp_path, """
        import time
        def scale(x):
            if x.size > 2:
                time.sleep(30)
            return x * 1.5
    """, timeout=0.5)
    assert not checks["scale_triples"].passed
    assert checks["scale_keeps_zeros"].passed, checks["scale_keeps_zeros"].message


def test_a_nan_distance_is_not_called_all_zeros(toy, tmp_path):
    """NaN distances make argmin return 0 everywhere: 0 is a valid index, the NaN is the cause."""
    checks = grade(toy, tmp_path, """
        def nearest(points):
            sq = (points ** 2).sum(1)
            d = np.sqrt(sq[:, None] - sq[None, :] - 2 * points @ points.T)
            np.fill_diagonal(d, np.inf)
            return np.argmin(d, axis=1)
    """)
    message = checks["nearest_other_point"].message
    assert "all zeros" not in message
    assert "NaN" in message and "line" in message and "square root of a negative number" in message


# -- NaN and inf --------------------------------------------------------------------------------------------------

def test_a_nan_names_the_line_and_the_operation_that_produced_it(toy, tmp_path):
    checks = grade(toy, tmp_path, """
        def softmax(z):
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
    """)
    message = checks["softmax_matches"].message
    assert "usual cause" not in message
    assert "toy_messages.py line" in message and "`e = np.exp(z)`" in message and "overflow" in message


def test_an_inf_produced_and_handled_on_purpose_is_never_mentioned(toy, tmp_path):
    """log(0) = -inf as a mask is legitimate: a wrong result for another reason says nothing about it."""
    handled = """
        def masked_softmax(z, mask):
            z = z + np.log(~mask)
            e = np.exp(z - z.max(axis=1, keepdims=True))
            return SCALE * e / e.sum(axis=1, keepdims=True)
    """
    assert grade(toy, tmp_path, handled.replace("SCALE", "1.0"))["masked_softmax_matches"].passed
    message = grade(toy, tmp_path, handled.replace("SCALE", "1.01"))["masked_softmax_matches"].message
    assert "inf" not in message.lower() and "NaN" not in message


def test_a_correct_submission_that_warns_keeps_full_marks(toy, tmp_path):
    checks = grade(toy, tmp_path, "")
    assert all(c.passed for c in checks.values())


# -- the example shown ---------------------------------------------------------------------------------------------

WRONG_TENSOR = """
    def normalise_rows(x):
        y = x + x ** 3  # normalises another tensor: over 2 features every row is about +-1 whatever it holds
        yc = y - y.mean(axis=1, keepdims=True)
        return yc / np.sqrt((yc * yc).mean(axis=1, keepdims=True) + 1e-5)
"""


def test_the_example_shown_exhibits_the_mistake_at_full_strength(toy, tmp_path):
    failed = grade(toy, tmp_path, WRONG_TENSOR)["rows_are_normalised"]
    assert failed.evidence["example"]["x"].shape[1] >= 3, failed.message
    assert float(failed.message.split("abs error ")[1].split(",")[0].split(";")[0]) > 0.01, failed.message


def test_a_check_never_runs_below_its_declared_size(toy, tmp_path):
    """Wrong only at 1 or 2 features: the check that declares it bites from 3 features on never sees it."""
    checks = grade(toy, tmp_path, """
        _right = normalise_rows
        def normalise_rows(x):
            return np.zeros_like(x) if x.shape[1] <= 2 else _right(x)
    """)
    assert not checks["rows_are_normalised"].passed
    assert checks["rows_are_normalised_above_two_features"].passed
    failed = grade(toy, tmp_path, WRONG_TENSOR)["rows_are_normalised_above_two_features"]
    assert failed.evidence["example"]["x"].shape[1] >= 3


# -- on real katas: the example shown is large enough to show the mistake --------------------------------------

LN2_ON_BLOCK_INPUT = ('    m = layer_norm(y, p["ln2_gamma"], p["ln2_beta"])',
                      '    m = layer_norm(x, p["ln2_gamma"], p["ln2_beta"])')


def grade_kata(registry, tmp_path, kata_id, source):
    kata = registry.katas[kata_id]
    (tmp_path / f"{kata_id}.py").write_text(source)
    result = Runner(GradeOptions(keep_evidence=True, diagnose=False)).grade([kata], tmp_path / f"{kata_id}.py")
    return {c.check: c for c in result.katas[0].checks}


def test_transformer_block_shows_layer_norm_on_the_wrong_tensor_above_two_features(registry, tmp_path):
    """Over 2 features both layer norms give about (-1, 1): the mistake showed as an error of 4.5e-06."""
    kata = registry.katas["transformer_block"]
    source = kata.reference_path.read_text().replace(*LN2_ON_BLOCK_INPUT)
    checks = grade_kata(registry, tmp_path, "transformer_block", source)
    for name in ("block_matches_reference", "block_is_the_pre_norm_formula"):
        failed = checks[name]
        assert not failed.passed and failed.evidence["example"]["case"]["x"].shape[-1] >= 3, failed.message


def test_attention_backward_is_shown_where_keys_compete(registry, tmp_path):
    """With one allowed key per query, dq and dk are 0 whatever the code: "numerical 0, yours -0.61"."""
    kata = registry.katas["attention"]
    checks = grade_kata(registry, tmp_path, "attention", kata.mistake_source("backward_without_softmax_subtraction"))
    for name in ("backward_matches_numerical_gradient_of_your_forward", "backward_matches_reference"):
        failed = checks[name]
        assert not failed.passed and "numerical 0," not in failed.message, failed.message
        case = failed.evidence["example"]["case"]
        allowed = np.logical_and(np.ones(case["q"].shape[:-1] + (case["k"].shape[-2],), bool),
                                 True if case["mask"] is None else case["mask"])
        assert (allowed.sum(axis=-1) >= 2).any(), failed.message


def test_a_remark_confirmed_by_larger_examples_is_said_of_them_when_the_shown_one_cannot_tell():
    from graders.checks import CheckFailed
    from graders.failing import FailingExamples

    def example(got, expected):
        log: list = []
        token = REMARKS.set(log)
        try:
            remark(np.array(got), np.array(expected), name="out")
        finally:
            REMARKS.reset(token)
        return {"x": np.array(expected)}, CheckFailed("out differs", name="out", strength=0.5), log

    failing = FailingExamples()
    failing.record(*example([2.0, 4.0, 6.0], [1.0, 2.0, 3.0]))
    failing.record(*example([3.0, 9.0], [1.0, 3.0]))  # another factor (1/N differs with N): said without its value
    failing.record(*example([4.0, 4.0], [2.0, 2.0]))  # the smallest: equal values cannot tell a factor
    assert [r.text for r in failing.remarks_of_larger_examples()] == [
        "It is off by a constant factor (a missing or extra scale or 1/N?)."]
    failing.record(*example([2.0, 8.0], [1.0, 3.5]))  # refutes it
    failing.record(*example([4.0, 4.0], [2.0, 2.0]))
    assert failing.remarks_of_larger_examples() == []
