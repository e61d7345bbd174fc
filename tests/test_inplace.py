"""Arguments changed in place: detected in the worker for every call, graded by the engine's own check."""
from __future__ import annotations

import numpy as np
import pytest

from graders import Kata
from graders.inplace import CHECK_NAME, InPlaceLog, explain, parse_changes
from graders.runner import GradeOptions, Runner
from graders.sandbox import wire
from graders.sandbox.inplace import changed_arguments
from tests.conftest import ROOT, write_edited_reference

QUICK = GradeOptions(shrink=False, max_examples=3, visibility=("public",))


def _sent_and_received(*args):
    """What the grader sends for ``args``, and the decoded copies the student's code receives."""
    buffers: list[bytes] = []
    sent = wire.encode(list(args), buffers)
    frame = wire.pack({"a": sent}, buffers)
    message, views = wire.unpack(frame[4:])
    return message["a"], wire.decode(message["a"], views, lambda ref: ref), views


def test_every_kind_of_change_inside_nested_arguments_is_found():
    sent, (x, state, pair, items), views = _sent_and_received(
        np.array([[1.0, -2.0], [3.0, np.nan]]), {"m": np.zeros(3), "t": 1}, (np.arange(4), 2.0), [np.ones(2)])
    x[x < 0] = 0
    state["m"][1] = 5.0
    state["extra"] = 1
    pair[0][3] = 9
    items.append(np.zeros(1))
    changes = changed_arguments(sent, [x, state, pair, items], {"$dict": []}, {}, views, ["x", "state", "pair"])
    found = {(c["argument"], c["path"], c["what"]) for c in changes}
    assert found == {("x", "", "values"), ("state", "['m']", "values"), ("state", "['extra']", "added"),
                     ("pair", "[0]", "values"), ("argument 4", "", "length")}
    first = changes[0]
    assert first["index"] == [0, 1] and first["old"] == -2.0 and first["new"] == 0.0 and first["count"] == 1


def test_an_unchanged_call_reports_nothing_even_with_nan_and_a_replaced_local_name():
    sent, (x, state), views = _sent_and_received(np.array([np.nan, 1.0]), {"m": np.ones(2)})
    x = x * 2  # rebinding a name is not a change of the caller's array
    assert changed_arguments(sent, [np.array([np.nan, 1.0]), state], {"$dict": []}, {}, views, ["x"]) == []


def test_a_replaced_entry_and_a_changed_shape_are_named():
    sent, (state, x), views = _sent_and_received({"m": np.zeros(2), "v": np.zeros(2)}, np.zeros((2, 2)))
    state["m"] = np.ones(2)
    state["v"] = 3
    x.resize((4,), refcheck=False)
    changes = changed_arguments(sent, [state, x], {"$dict": []}, {}, views, ["state", "x"])
    assert [(c["path"], c["what"]) for c in changes] == [("['m']", "values"), ("['v']", "replaced"), ("", "shape")]


def test_a_malformed_report_from_the_worker_is_dropped():
    changes = parse_changes([{"what": "values", "argument": "x", "index": "evil", "old": object()},
                             {"what": "rm -rf", "argument": "x"}, "junk"], "f", "f(...)")
    assert len(changes) == 1 and changes[0].index == () and isinstance(changes[0].old, str)
    log = InPlaceLog()
    log.record("k", "Model.fit", None, "")
    assert log.returned == {"k": {"Model"}} and log.changes == {}


def _mutant(tmp_path, kata_id: str, old: str, new: str):
    return write_edited_reference(tmp_path, kata_id, [(old, new)])


def _graded(registry, kata_id: str, submission, options: GradeOptions = QUICK):
    result = Runner(options).grade([registry.katas[kata_id]], submission).katas[0]
    return {c.check: c for c in result.checks}


@pytest.mark.parametrize("kata_id, old, new, culprit", [
    ("activations", "    z = np.asarray(z, dtype=np.float64)\n    return np.where(z > 0, z, 0.0)",
     "    z[z < 0] = 0\n    return z", "relu changed `z` at index"),
    ("adam", '    t = t + 1\n', '    t = t + 1\n    if state is not None:\n        state["t"] = t\n',
     "adam_step changed `state['t']`: it was 0 before the call and 1 after"),  # a fresh state given as t = 0
    ("lstm", "    dc = dnext_c + dnext_h * o * (1.0 - tanh_c ** 2)",
     "    dc = dnext_c\n    dc += dnext_h * o * (1.0 - tanh_c ** 2)", "lstm_step_backward changed `dnext_c`"),
])
def test_a_change_in_place_costs_the_engine_check_only_and_is_named(registry, tmp_path, kata_id, old, new, culprit):
    checks = _graded(registry, kata_id, _mutant(tmp_path, kata_id, old, new))
    engine = checks.pop(CHECK_NAME)
    assert engine.status == "failed" and engine.points == 0 and engine.max_points == 1
    assert culprit in engine.message and "no input is changed in place" in engine.message
    assert "the call: " in engine.message
    assert all(c.passed for c in checks.values()), [c.check for c in checks.values() if not c.passed]


def test_running_statistics_updated_in_the_callers_state_are_caught(registry, tmp_path):
    submission = _mutant(tmp_path, "batchnorm", '"running_mean": momentum * running_mean + (1 - momentum) * mean,',
                         '"running_mean": _update(running_mean, momentum, mean),')
    with open(submission / "batchnorm.py", "a") as file:
        file.write("\n\ndef _update(running, momentum, value):\n    running *= momentum\n"
                   "    running += (1 - momentum) * value\n    return running\n")
    checks = _graded(registry, "batchnorm", submission)
    assert checks[CHECK_NAME].status == "failed"
    assert "batchnorm_forward changed `state['running_mean']` at index" in checks[CHECK_NAME].message


def test_the_reference_passes_and_the_stub_is_not_started(registry):
    kata = registry.katas["activations"]
    assert _graded(registry, "activations", ROOT / "reference")[CHECK_NAME].passed
    assert _graded(registry, "activations", ROOT / "student")[CHECK_NAME].status == "not_started"
    assert kata.checks[-1].name == CHECK_NAME and not kata.checks[-1].hidden


def test_a_documented_in_place_contract_is_allowed_and_the_check_can_be_turned_off(tmp_path):
    (tmp_path / "sgd.py").write_text("def sgd(w, dw):\n    w -= dw\n    return w\n")
    checks_of = {}
    for name, options in {"strict": {}, "allowed": {"changes_in_place": {"sgd": ("w",)}},
                          "off": {"inputs_unchanged": False}}.items():
        kata = Kata(id="sgd", title="SGD", topic="t", difficulty=1, api=["sgd"], package=__name__, **options)

        @kata.check()
        def steps(sub, ref):
            assert np.allclose(sub.sgd(np.ones(2), np.ones(2)), 0.0)

        checks_of[name] = {c.check: c for c in Runner(QUICK).grade([kata], tmp_path).katas[0].checks}
    assert checks_of["strict"][CHECK_NAME].status == "failed"
    assert "sgd changed `w` at index (0): it was 1 before the call and 0 after" in checks_of["strict"][CHECK_NAME].message
    assert checks_of["allowed"][CHECK_NAME].passed
    assert CHECK_NAME not in checks_of["off"]


def test_the_message_lists_other_changed_arguments_once():
    changes = parse_changes([{"what": "values", "argument": "w", "index": [1], "old": 1.0, "new": 0.5,
                              "count": 2, "size": 3}, {"what": "added", "argument": "state", "path": "['m']"}],
                            "step", "step(float64 (3,), dict)")
    text = explain(changes + changes)
    assert text.count("also: step changed `state['m']`") == 1 and "2 of its 3 elements changed" in text
