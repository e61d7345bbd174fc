"""State that lives longer than one call: fitting the same object again must forget the earlier fit."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from graders.checks import CheckFailed, assert_close


def assert_refit_forgets(make: Callable[[], Any], first: Sequence[Any], second: Sequence[Any],
                         attributes: Sequence[str], *, name: str = "model",
                         reference: Callable[[], Any] | None = None) -> None:
    """Fit one object on ``first``, then on ``second``, then on ``first`` again: its fitted ``attributes``
    must equal those of a fresh object (``make()``) fitted on ``first`` once.

    ``first`` and ``second`` are the argument tuples of ``fit``. A model that keeps anything from an
    earlier ``fit`` (weights not reset, a random generator created in ``__init__`` and drawn from again,
    a cache keyed on nothing) fails, with a message that says so.

    With ``reference`` (a hidden check's ``lambda: ref.Model(...)``), the fresh fit must first match the
    reference's: a model that fits nothing at all (a constant) is consistent with itself, and must not earn
    the points of a check about remembering an earlier fit.
    """
    fresh = make()
    fresh.fit(*first)
    expected = {attribute: getattr(fresh, attribute) for attribute in attributes}
    if reference is not None:
        correct = reference()
        correct.fit(*first)
        for attribute in attributes:
            try:
                assert_close(expected[attribute], getattr(correct, attribute), name=attribute)
            except CheckFailed as exc:
                raise CheckFailed(
                    f"this check fits one {name} several times, and needs a correct fit first: a fresh {name} "
                    f"fitted on the first data gives a wrong `{attribute}` (the other checks show where).\n"
                    f"{exc}") from None
    model = make()
    for data in (first, second, first):
        model.fit(*data)
    for attribute in attributes:
        try:
            assert_close(getattr(model, attribute), expected[attribute], name=attribute)
        except CheckFailed as exc:
            raise CheckFailed(
                f"fitting the same {name} again gave a different `{attribute}` than a fresh {name} fitted on the "
                "same data: fit(X1), fit(X2), fit(X1) must end exactly like fit(X1) on a new object. Your fit keeps "
                "something from an earlier call: weights not reset at the start of fit, a random generator made "
                "once in __init__ (make it from the seed inside fit), or a value cached on the object.\n"
                f"{exc}") from None
