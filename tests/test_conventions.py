"""Where a statement fixes a convention that common textbooks or libraries do not share, a submission that uses
the other convention is told which convention the kata uses, in its first failure message."""
from __future__ import annotations

import pytest

from tests.conftest import write_edited_reference

PYTORCH_GATE_ORDER = [  # PyTorch's nn.LSTM stacks its gates i, f, g, o; the kata's order is i, f, o, g
    ("    o = _sigmoid(a[:, 2 * H:3 * H])\n    g = np.tanh(a[:, 3 * H:])",
     "    g = np.tanh(a[:, 2 * H:3 * H])\n    o = _sigmoid(a[:, 3 * H:])"),
    ("do * o * (1.0 - o), dg * (1.0 - g ** 2)]", "dg * (1.0 - g ** 2), do * o * (1.0 - o)]"),
]


@pytest.mark.parametrize("kata_id, edits, convention", [
    # PyTorch's SGD keeps a running sum of gradients, v = mu v + dw, w -= lr v; the kata's is CS231n's
    ("optimizers", [('    v = momentum * _get(state, "velocity", w) - learning_rate * dw\n'
                     '    return w + v, {"velocity": v}',
                     '    v = momentum * _get(state, "velocity", w) + dw\n'
                     '    return w - learning_rate * v, {"velocity": v}')],
     ["PyTorch's running sum of gradients", "CS231n form"]),
    ("lstm", PYTORCH_GATE_ORDER, ["i, f, o, g", "PyTorch's is i, f, g, o"]),
    # PyTorch's and Keras' dropout take the probability of dropping a unit; the kata's p is the keep probability
    ("dropout", [("        mask = (rng.random(x.shape) < p) / p",
                  "        mask = (rng.random(x.shape) >= p) / (1 - p)")],
     ["DROPPING", "PyTorch's convention"]),
], ids=["optimizers-momentum", "lstm-gate-order", "dropout-keep-probability"])
def test_the_other_convention_is_named_in_the_first_failure(registry, fast_runner, tmp_path, kata_id, edits,
                                                            convention):
    submission = write_edited_reference(tmp_path, kata_id, edits)
    result = fast_runner.grade([registry.katas[kata_id]], submission).katas[0]
    first = next(c for c in result.checks if not c.passed)
    assert first.visibility == "public"
    assert all(words in first.message for words in convention), first.message
