"""Public checks take expected values from the statement, never from another function of the learner's.

A correct log_softmax next to a wrong softmax (or a correct logits loss next to a wrong probability loss)
must keep its own check: the wrong function's check fails, the right one's passes.
"""
from __future__ import annotations

import pytest

from tests.conftest import ROOT, write_edited_reference


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
    submission = write_edited_reference(tmp_path, kata_id, edits)
    result = fast_runner.grade([registry.katas[kata_id]], submission).katas[0]
    checks = {c.check: c for c in result.checks}
    assert checks[wrong_check].status == "failed"
    assert checks[right_check].status == "passed", checks[right_check].message


def test_two_functions_checked_together_are_each_compared_with_the_statement(registry, fast_runner, tmp_path):
    """A wrong adam_l2_step (it forgets its state) is named alone; the correct adamw_step is not blamed."""
    old = ("    direction, next_state = _adam_direction(g, state, beta1, beta2, eps)\n"
           "    return w - learning_rate * direction")
    submission = write_edited_reference(tmp_path, "regularization", [(old, old.replace("g, state,", "g, None,"))])
    result = fast_runner.grade([registry.katas["regularization"]], submission).katas[0]
    check = {c.check: c for c in result.checks}["without_decay_both_are_adam"]
    assert check.status == "failed"
    assert "adam_l2_step" in check.message and "adamw_step" not in check.message, check.message


def _one_broken(source: str, partners: tuple[str, ...], broken: str) -> str:
    """The reference with ``partners`` keeping a correct copy of the module, then one function redefined wrong.

    Each partner is rebound to the same code over a snapshot of the module's globals taken before ``broken``
    (source defining the wrong function, which may call ``_correct``, the right one) is run, so the partner
    goes on calling the correct functions while the learner's API exposes the wrong one.
    """
    lines = ["", "import types as _types", "_snapshot = dict(globals())"]
    for name in partners:
        lines.append(f"{name} = _types.FunctionType({name}.__code__, _snapshot, {name!r}, {name}.__defaults__)")
    return source + "\n".join(lines) + "\n" + broken


@pytest.mark.parametrize("kata_id, partners, broken, right_check, wrong_check, culprit", [
    ("gpt_capstone", ("gpt_loss",),
     "_correct = gpt_backward\n\ndef gpt_backward(dlogits, cache):\n"
     "    return {k: 2 * g if k == 'W_out' else g for k, g in _correct(dlogits, cache).items()}\n",
     "loss_is_mean_cross_entropy_of_the_logits", "backward_matches_numerical_gradient_of_your_forward", "dW_out"),
    ("lenet", ("lenet_loss",),
     "_correct = lenet_backward\n\ndef lenet_backward(dscores, cache):\n"
     "    return {k: 2 * g if k == 'W4' else g for k, g in _correct(dscores, cache).items()}\n",
     "loss_is_mean_cross_entropy_of_the_scores", "backward_matches_numerical_gradient_of_your_forward",
     "lenet_backward"),
    ("transformer_block", ("transformer_block",),
     "def layer_norm(x, gamma, beta, eps=1e-5):\n"
     "    return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, ddof=1, keepdims=True) + eps) * gamma + beta\n",
     "block_is_the_pre_norm_formula", "layer_norm_normalises_the_last_axis", "layer_norm"),
    ("transfer_learning", ("fine_tune",),
     "_correct = train_head\n\ndef train_head(X, y, base, num_classes, lr=0.1, epochs=100):\n"
     "    return _correct(X, y, base, num_classes, 2 * lr, epochs)\n",
     "freezing_the_whole_base_is_training_the_head", "first_head_step_by_hand", "train_head"),
    # the forward takes its forget gate from the input gate's block; the backward reads the gates from its cache
    ("lstm", ("lstm_step_backward",),
     "_correct = lstm_step_forward\n\ndef lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):\n"
     "    H = prev_h.shape[1]\n"
     "    swap = np.r_[H:2 * H, 0:H, 2 * H:4 * H]\n"
     "    return _correct(x, prev_h, prev_c, Wx[:, swap], Wh[:, swap], b[swap])\n",
     "dprev_c_is_dnext_c_times_forget_gate", "gates_are_blocks_i_f_o_g_of_the_preactivation", "lstm_step_forward"),
    # single-head attention scaled by 1/d instead of 1/sqrt(d); multi_head_self_attention keeps the right one
    ("attention", ("multi_head_self_attention",),
     "_correct = attention_forward\n\ndef attention_forward(q, k, v, mask=None):\n"
     "    return _correct(q / np.sqrt(q.shape[-1]), k, v, mask)\n",
     "multi_head_is_attention_on_consecutive_head_slices", "scores_are_scaled_by_one_over_sqrt_d", "attention_forward"),
    # lora_forward forgets the scale alpha / r; lora_merge keeps it
    ("lora", (),
     "_correct = lora_forward\n\ndef lora_forward(x, W, b, A, B, alpha):\n"
     "    return _correct(x, W, b, A, B, A.shape[1])\n",
     "merged_weights_compute_the_same", "values_by_hand", "lora_forward"),
    # encode ignores the merges; train_bpe is right, and its check counts tokens with the statement's encode
    ("bpe_tokenizer", (), "def encode(text, merges):\n    return list(text.encode('utf-8'))\n",
     "training_stops_when_no_pair_is_left", "encoding_applies_merges_in_learned_order", "encode"),
], ids=["gpt_capstone", "lenet", "transformer_block", "transfer_learning", "lstm", "attention", "lora", "bpe"])
def test_a_wrong_function_is_named_and_its_correct_partner_passes(registry, fast_runner, tmp_path, kata_id, partners,
                                                                   broken, right_check, wrong_check, culprit):
    source = _one_broken((ROOT / "reference" / f"{kata_id}.py").read_text(), partners, broken)
    (tmp_path / f"{kata_id}.py").write_text(source)
    result = fast_runner.grade([registry.katas[kata_id]], tmp_path).katas[0]
    checks = {c.check: c for c in result.checks}
    assert checks[wrong_check].status == "failed"
    shown = f"{checks[wrong_check].message}\n{checks[wrong_check].call}"  # the learner sees the call line too
    assert culprit in shown, shown
    assert checks[right_check].status == "passed", checks[right_check].message


def test_cross_val_score_is_graded_against_the_ridge_it_was_given(registry, fast_runner, tmp_path):
    """A learner who changed the given Ridge (it penalises the intercept too) keeps the cross_val_score point:
    cross_val_score is compared with the scores of that Ridge, and the hidden check still fails."""
    source = (ROOT / "reference" / "cross_validation.py").read_text()
    broken = source + (
        "\n\n_correct_fit = Ridge.fit\n\n"
        "def _fit_twice_the_penalty(self, X, y):\n"
        "    self.alpha *= 2\n"
        "    try:\n"
        "        return _correct_fit(self, X, y)\n"
        "    finally:\n"
        "        self.alpha /= 2\n\n"
        "Ridge.fit = _fit_twice_the_penalty\n")
    (tmp_path / "cross_validation.py").write_text(broken)
    result = fast_runner.grade([registry.katas["cross_validation"]], tmp_path).katas[0]
    checks = {c.check: c for c in result.checks}
    assert checks["cross_val_score_of_ridge"].status == "passed", checks["cross_val_score_of_ridge"].message
    assert any(c.status == "failed" for c in result.checks if c.visibility == "hidden")
