"""Public checks take expected values from the statement, never from another function of the learner's.

A correct log_softmax next to a wrong softmax (or a correct logits loss next to a wrong probability loss)
must keep its own check: the wrong function's check fails, the right one's passes.
"""
from __future__ import annotations

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("kata_id, edits, right_check, wrong_check", [
    ("softmax", [("    return e / e.sum(axis=1, keepdims=True)\n", "    return e / e.sum()\n")],
     "log_softmax_by_hand_and_stable", "softmax_rows_are_distributions"),
    ("losses", [("    loss = -np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p))\n",
                 "    loss = -np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p))\n")],
     "logits_version_agrees_with_probability_version", "classification_losses_by_hand"),
    ("positional_encoding", [("    return encode_positions(np.arange(T), d, base)\n",
                              "    return encode_positions(np.arange(1, T + 1), d, base)\n")],
     "encode_positions_agrees_with_the_table", "shape_and_position_zero"),
    # rnn_forward written out in full, next to a step function that uses relu instead of tanh
    ("rnn", [("        prev_h, step_cache = rnn_step_forward(x[:, t, :], prev_h, Wx, Wh, b)\n",
              "        prev_h = np.tanh(x[:, t, :] @ Wx + prev_h @ Wh + b)\n"
              "        step_cache = (x[:, t, :], prev_h, Wx, Wh, prev_h)\n"),
             ("    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)\n",
              "    next_h = np.maximum(x @ Wx + prev_h @ Wh + b, 0)\n")],
     "forward_chains_your_step", "step_forward_hand_worked_example"),
    # fit keeps a correct copy of the loss; the public hinge_loss doubles the loss
    ("svm", [("def hinge_loss(", "def _correct_hinge("),
             ("= hinge_loss(w, b, X, y, self.reg)", "= _correct_hinge(w, b, X, y, self.reg)"),
             ("def _correct_hinge(w, b, X, y, reg):",
              "def hinge_loss(w, b, X, y, reg):\n    loss, dw, db = _correct_hinge(w, b, X, y, reg)\n"
              "    return 2 * loss, dw, db\n\n\ndef _correct_hinge(w, b, X, y, reg):")],
     "fit_takes_full_batch_subgradient_steps", "worked_example_matches_the_readme"),
], ids=["softmax", "losses", "positional_encoding", "rnn", "svm"])
def test_a_correct_function_is_not_blamed_for_a_wrong_neighbour(registry, fast_runner, tmp_path, kata_id, edits,
                                                                 right_check, wrong_check):
    source = (ROOT / "reference" / f"{kata_id}.py").read_text()
    for old, new in edits:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    (tmp_path / f"{kata_id}.py").write_text(source)
    result = fast_runner.grade([registry.katas[kata_id]], tmp_path).katas[0]
    checks = {c.check: c for c in result.checks}
    assert checks[wrong_check].status == "failed"
    assert checks[right_check].status == "passed", checks[right_check].message


def test_two_functions_checked_together_are_each_compared_with_the_statement(registry, fast_runner, tmp_path):
    """A wrong adam_l2_step (it forgets its state) is named alone; the correct adamw_step is not blamed."""
    source = (ROOT / "reference" / "regularization.py").read_text()
    old = ("    direction, next_state = _adam_direction(g, state, beta1, beta2, eps)\n"
           "    return w - learning_rate * direction")
    assert source.count(old) == 1
    (tmp_path / "regularization.py").write_text(source.replace(old, old.replace("g, state,", "g, None,")))
    result = fast_runner.grade([registry.katas["regularization"]], tmp_path).katas[0]
    check = {c.check: c for c in result.checks}["without_decay_both_are_adam"]
    assert check.status == "failed"
    assert "adam_l2_step" in check.message and "adamw_step" not in check.message, check.message
