"""Known mistakes as declarations: edits of the reference that the engine builds, or refuses clearly."""
from __future__ import annotations

import pytest

from graders import KataDefinitionError, Mistake, MistakeError, replace, replace_function, whole_module

REFERENCE = '''"""A reference."""
import numpy as np


def helper(x):
    return x + 1.0


@staticmethod_like
def scale(x, factor=2.0):
    """Multiply."""
    y = factor * x
    return y


class Model:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        return self
'''


def build(*edits):
    return Mistake(id="m", says="does it wrong", culprits=("out",), edit=edits if len(edits) > 1 else edits[0]) \
        .build_source(REFERENCE, "demo")


def test_replace_changes_exactly_the_snippet():
    text = build(replace("y = factor * x", "y = factor + x"))
    assert text == REFERENCE.replace("y = factor * x", "y = factor + x")


def test_replace_with_count_replaces_every_occurrence():
    text = build(replace("x", "z", count=REFERENCE.count("x")))
    assert "x" not in text


def test_a_snippet_that_is_gone_names_kata_mistake_and_snippet():
    with pytest.raises(MistakeError) as info:
        build(replace("y = factor / x", "y = x"))
    assert str(info.value) == ("kata demo, mistake m: the snippet 'y = factor / x' occurs 0 time(s) in the reference, "
                               "not once: the reference changed; update the edit")


def test_a_snippet_found_twice_is_refused():
    with pytest.raises(MistakeError, match="'return' occurs 3 time"):
        build(replace("return", "yield"))


def test_edits_apply_in_order_and_a_failing_one_is_numbered():
    text = build(replace("factor * x", "factor * x * x"), replace("x * x", "x ** 2"))
    assert "y = factor * x ** 2" in text
    with pytest.raises(MistakeError, match=r"mistake m \(edit 2 of 2\): the snippet 'factor \* x'"):
        build(replace("factor * x", "factor - x"), replace("factor * x", "x"))


def test_replace_function_replaces_with_its_decorators_and_may_add_helpers():
    text = build(replace_function("scale", '''
        def scale(x, factor=2.0):
            return _twice(x)


        def _twice(x):
            return x + x
    '''))
    assert "@staticmethod_like" not in text and "Multiply" not in text
    assert "def scale(x, factor=2.0):\n    return _twice(x)\n\n\ndef _twice(x):\n    return x + x\n\n\nclass Model" in text
    assert text.startswith(REFERENCE.split("@staticmethod_like")[0])  # everything before is untouched


def test_replace_function_replaces_a_class():
    text = build(replace_function("Model", '''
        class Model:
            def fit(self, X):
                self.mean_ = X.mean(axis=1)
                return self
    '''))
    assert "axis=1" in text and "axis=0" not in text and text.endswith("return self\n")


def test_replace_function_of_a_missing_name_is_refused():
    with pytest.raises(MistakeError, match="defines 0 top-level function or class named 'predict'"):
        build(replace_function("predict", "def predict(X):\n    return X\n"))


def test_replace_function_whose_source_does_not_define_it_is_refused_at_declaration():
    with pytest.raises(KataDefinitionError, match="does not define 'scale'"):
        replace_function("scale", "def other(x):\n    return x\n")
    with pytest.raises(KataDefinitionError, match="syntax error"):
        replace_function("scale", "def scale(x):\nreturn x\n")


def test_an_edit_that_breaks_the_syntax_is_named():
    with pytest.raises(MistakeError, match="kata demo, mistake m: the edited module has a syntax error on line"):
        build(replace("y = factor * x", "y = (factor * x"))


def test_whole_module_ignores_the_reference():
    assert build(whole_module('''
        def scale(x, factor=2.0):
            return x
    ''')) == "def scale(x, factor=2.0):\n    return x\n"


def test_a_declaration_is_checked():
    with pytest.raises(KataDefinitionError, match="id 'Bad id' must be a Python name"):
        Mistake(id="Bad id", says="x", culprits=("out",), edit=replace("a", "b"))
    with pytest.raises(KataDefinitionError, match="edit must be"):
        Mistake(id="ok", says="x", culprits=("out",), edit="a -> b")
    one = Mistake(id="ok", says="x", culprits="dx", edit=replace("a", "b"))
    assert one.culprits == ("dx",) and one.edits == (replace("a", "b"),)
    assert one.hidden_only == ""
    with pytest.raises(KataDefinitionError, match="hidden_only must be a sentence"):
        Mistake(id="ok", says="x", culprits=("out",), edit=replace("a", "b"), hidden_only=True)


def test_a_gradient_check_lists_every_wrong_gradient_worst_first_and_the_right_ones():
    import numpy as np

    from graders import CheckFailed, check_gradients

    x, w, b = np.array([1.0, 2.0]), np.array([0.5, -1.5]), np.array([0.25, 0.75])
    dout = np.array([1.0, -2.0])
    grads = [dout * w * 1.1, dout * x * 3.0, dout]  # dx 10 % off, dw 3 times too large, db right
    with pytest.raises(CheckFailed) as info:
        check_gradients(lambda x, w, b: x * w + b, [x, w, b], grads, dout, names=["dx", "dw", "db"])
    first = str(info.value).splitlines()[0]
    assert first == "2 wrong gradients, worst first (relative error): dw (5.0e-01), dx (4.8e-02); right: db."
    assert str(info.value).splitlines()[1].startswith("dw does not match the numerical gradient")
    with pytest.raises(CheckFailed, match=r"^Wrong gradient: dx \(relative error 4\.8e-02\); right: dw, db\.\ndx "):
        check_gradients(lambda x, w, b: x * w + b, [x, w, b], [grads[0], dout * x, dout], dout,
                        names=["dx", "dw", "db"])
