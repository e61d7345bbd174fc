"""``grade new KATA_ID``: scaffold a kata that validates from the start.

The scaffold is a complete kata with a placeholder API (one function, named
after the kata, that doubles its input): the folder ``katas/<id>/`` with the
Kata and its registration, a statement, hints, one public check (comparing
with frozen values) and one hidden check (comparing with the reference), one
known mistake (``mistakes.py``); the stub ``katas/<id>/stub.py`` (and its copy ``student/<id>.py`` to work in) and the reference ``reference/<id>.py``.
``grade validate --kata <id>`` passes on it, so the author starts from green
and replaces the placeholder step by step.
"""
from __future__ import annotations

import keyword
from pathlib import Path
from string import Template

from graders.kata import Kata, KataDefinitionError

INIT = '''"""The ${kata_id} kata: ${title}."""
from graders import Kata, hookimpl

kata = Kata(
    id="${kata_id}",
    title="${title}",
    topic="${topic}",
    difficulty=1,  # 1 (warm-up) .. 5 (capstone)
    api=["${kata_id}"],  # every function or class the stub declares
    package=__name__,
)


@hookimpl
def register_katas(register):
    register(kata)
'''

README = '''# ${title}

TODO: the statement. What to implement, with shapes, formulas and conventions
(float64, batch first; see docs/authoring.md).

## API

`${kata_id}(x)`: a placeholder that returns `2 * x`, for a float64 array `x` of
any shape. Replace it with the kata's real API, in the stub, the reference,
the checks and the known mistakes alike.
'''

HINTS = '''# Hints

## Hint 1

TODO: the gentlest nudge: which formula, which shape.

## Hint 2

TODO: a closer look at the step most people get wrong.

## Hint 3

TODO: almost the answer, without the code.
'''

PUBLIC = '''"""Public checks of the ${kata_id} kata: they ship to students, so they never use `ref`.

Public checks test properties, self-consistency, values worked out by hand, or
frozen values: `@kata.frozen` computes them from the reference here, and
`grade release` freezes them into the student edition.
"""
import numpy as np

from graders import assert_close

from . import kata


@kata.frozen
def worked_examples(ref):
    """Fixed inputs and the reference's outputs on them."""
    inputs = [np.array([0.0, 1.0, -2.5]), np.arange(6.0).reshape(2, 3)]
    return [{"x": x, "expected": ref.${kata_id}(x)} for x in inputs]


@kata.check(points=1)
def matches_worked_examples(sub, ref):
    """${kata_id} gives the expected values on the worked examples"""
    for case in kata.frozen_value("worked_examples"):
        x = case["x"]
        assert_close(sub.${kata_id}(x), case["expected"], name=f"${kata_id}(x) for x of shape {x.shape}")
'''

HIDDEN = '''"""Hidden checks of the ${kata_id} kata: left out of the student edition; they may compare with `ref`."""
from hypothesis import given

from graders import assert_close, strategies as kst

from . import kata


@kata.check(points=2, hidden=True)
@given(x=kst.arrays(kst.shapes(2)))
def matches_reference(sub, ref, x):
    """${kata_id} agrees with the reference on random inputs"""
    assert_close(sub.${kata_id}(x), ref.${kata_id}(x), name="${kata_id}(x)")
'''

MISTAKES = '''"""Known mistakes of the ${kata_id} kata: each one an edit of the reference (see docs/authoring.md)."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="returns_input",
        says="returns its input unchanged: forgets to double",  # one sentence, the learner's words
        culprits=("${kata_id}(x)",),  # the outputs it breaks, as the failure messages name them
        edit=replace("return 2.0 * x", "return x"),
    ),
]
'''

REFERENCE = '''"""Reference solution of the ${kata_id} kata (never shipped to students)."""


def ${kata_id}(x):
    """Placeholder: 2 * x. Replace with the kata's real solution."""
    return 2.0 * x
'''

STUB = '''"""${title}.

Read katas/${kata_id}/README.md, then replace each `raise NotImplementedError`.
"""


def ${kata_id}(x):
    """Placeholder: return 2 * x.

    x: float64 array of any shape. Returns a float64 array of the same shape.
    """
    raise NotImplementedError
'''

FILES = {
    "katas/{id}/__init__.py": INIT,
    "katas/{id}/README.md": README,
    "katas/{id}/hints.md": HINTS,
    "katas/{id}/public.py": PUBLIC,
    "katas/{id}/hidden.py": HIDDEN,
    "katas/{id}/mistakes.py": MISTAKES,
    "reference/{id}.py": REFERENCE,
    "katas/{id}/stub.py": STUB,
    "student/{id}.py": STUB,
}


class ScaffoldError(Exception):
    """The kata cannot be created (bad id, already exists); the message is one sentence."""


def check_kata_id(kata_id: str, taken: set[str] = frozenset()) -> None:
    """Raise ScaffoldError unless ``kata_id`` can name a new kata (its files and its placeholder function)."""
    try:
        Kata(id=kata_id, title="t", topic="t", difficulty=1, api=["f"])
    except KataDefinitionError:
        raise ScaffoldError(f"{kata_id!r} cannot be a kata id: use lower_snake_case, like batch_norm") from None
    if keyword.iskeyword(kata_id):
        raise ScaffoldError(f"{kata_id!r} is a Python keyword; choose another id")
    if kata_id in taken:
        raise ScaffoldError(f"a kata named {kata_id!r} is already registered; choose another id")


def create_kata(kata_id: str, root: Path, title: str | None = None, topic: str = "TODO",
                taken: set[str] = frozenset()) -> list[Path]:
    """Write the scaffold of ``kata_id`` under the course tree ``root``; return the files written."""
    check_kata_id(kata_id, taken)
    title = title or kata_id.replace("_", " ").capitalize()
    for text in (title, topic):
        if any(c in text for c in '"\\\n'):
            raise ScaffoldError(f"{text!r}: write titles and topics without quotes, backslashes or line breaks")
    targets = {root / pattern.format(id=kata_id): template for pattern, template in FILES.items()}
    existing = [p for p in targets if p.exists()] + ([root / "katas" / kata_id] if (root / "katas" / kata_id).exists() else [])
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists; choose another id or remove it")
    values = {"kata_id": kata_id, "title": title, "topic": topic}
    for path, template in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(template).substitute(values), encoding="utf-8")
    return list(targets)
