"""What the failing examples of one check showed: how strongly each showed the mistake, and which remarks held.

Hypothesis shrinks a failing example to the smallest sizes it can, where
structurally different mistakes look alike and some barely show: layer norm
over 2 features is about ±1 whatever its input, so normalising the wrong tensor
there is an error of 1e-6. While a check runs, the runner records every failing
example hypothesis tries (``FailingExamples.record``) with its size (array
elements and scalars drawn) and the *strength* of its failure
(``CheckFailed.strength``: the largest error relative to the expected scale, or
a gradient's relative error). If the example hypothesis ends on shows the
mistake much more weakly than the strongest one seen (``WEAKER``), the runner
shows the smallest example whose strength is close to the strongest instead
(``stronger_example``), run again for its message. The remarks each example
supported decide which remarks the final message keeps (``graders.remarks``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity

from graders.checks import CheckFailed
from graders.kata import Check
from graders.replay import RecordedData
from graders.sandbox import Submission, SubmissionAbort
from graders.remarks import Remark, confirmed_elsewhere, remark_key, unconfirmed

WEAKER = 0.1  # an example whose strength is below this share of the strongest one seen does not show the mistake
WEAK = 1e-3  # a failure this weak (relative error) may be a mistake hidden by a small example: look for more


@dataclass
class FailingExample:
    """One failing example: the check's drawn arguments, their size, the failure's strength, its remarks."""

    example: dict
    size: int
    strength: float | None
    remarks: list[Remark] = field(default_factory=list)
    fingerprint: str = ""
    name: str = ""  # the name of the output whose comparison failed ("" when unknown)


class FailingExamples:
    """The failing examples of one run of one check, in the order hypothesis tried them."""

    def __init__(self) -> None:
        self.seen: list[FailingExample] = []
        self.shown: FailingExample | None = None  # the example the message comes from

    def record(self, example: dict, failure: BaseException, remarks: list[Remark], again: bool = False) -> None:
        """A failing example and what it raised; ``again``: an example run again to show it. Hypothesis runs its
        final example twice: an example already seen is not counted again."""
        item = FailingExample(dict(example), example_size(example), failure_strength(failure), list(remarks),
                              fingerprint(example), failure_name(failure))
        if not again and all(e.fingerprint != item.fingerprint for e in self.seen):
            self.seen.append(item)
        self.shown = item

    @property
    def shown_example(self) -> dict | None:
        return self.shown.example if self.shown is not None else None

    def needs_more(self) -> bool:
        """Too few failing examples to say what the shown one says: one of its remarks is not confirmed yet, or
        its failure is weak (below ``WEAK``) and no stronger example was seen."""
        if self.shown is None:
            return False
        weak = (self.shown.strength is not None and self.shown.strength < WEAK
                and all(e.strength is None or e.strength < WEAK for e in self.seen))
        return weak or bool(self.unconfirmed_remarks())

    def stronger_example(self) -> dict | None:
        """The example to show instead of the last one, when the last one shows the mistake much more weakly than
        the strongest seen (finite strengths only: a NaN elsewhere is another story); else None."""
        shown = self.shown
        found = [e for e in self.seen if e.strength is not None and np.isfinite(e.strength)]
        if shown is None or shown.strength is None or not found:
            return None
        strongest = max(e.strength for e in found)
        if not shown.strength < WEAKER * strongest:
            return None
        return min((e for e in found if e.strength >= WEAKER * strongest), key=lambda e: e.size).example

    def unconfirmed_remarks(self) -> list[Remark]:
        """The remarks of the shown example that the other failing examples do not confirm."""
        if self.shown is None:
            return []
        return unconfirmed(self.shown.remarks, [e.remarks for e in self.seen])

    def remarks_of_larger_examples(self) -> list[Remark]:
        """Remarks every informative failing example confirmed that the shown example is too small to tell."""
        if self.shown is None:
            return []
        if not self.shown.name:
            return []
        return [r for r in confirmed_elsewhere(self.shown.remarks, [e.remarks for e in self.seen])
                if r.key == remark_key(r.kind, self.shown.name)]


def failure_name(failure: BaseException) -> str:
    """``CheckFailed.name`` of the comparison that failed (through re-raises), or ""."""
    exc: BaseException | None = failure
    for _ in range(8):
        if exc is None:
            return ""
        if isinstance(exc, CheckFailed) and exc.name:
            return exc.name
        exc = exc.__cause__ or exc.__context__
    return ""


def failure_strength(failure: BaseException) -> float | None:
    """``CheckFailed.strength`` of the comparison that failed (through re-raises), or None."""
    exc: BaseException | None = failure
    for _ in range(8):
        if exc is None:
            return None
        if isinstance(exc, CheckFailed) and exc.strength is not None:
            return exc.strength
        exc = exc.__cause__ or exc.__context__
    return None


def fingerprint(value: Any) -> str:
    """A digest of an example's values (arrays by shape, dtype and bytes), to know an example seen before."""
    digest = hashlib.sha256()

    def feed(v: Any) -> None:
        if isinstance(v, np.ndarray):
            digest.update(f"{v.shape}{v.dtype}".encode())
            digest.update(np.ascontiguousarray(v).tobytes() if v.dtype.kind != "O" else repr(v).encode())
        elif isinstance(v, dict):
            for key in v:
                digest.update(repr(key).encode())
                feed(v[key])
        elif isinstance(v, (list, tuple)):
            digest.update(b"(")
            for item in v:
                feed(item)
            digest.update(b")")
        elif isinstance(getattr(v, "drawn", None), list):
            feed(v.drawn)
        else:
            digest.update(repr(v).encode())

    feed(value)
    return digest.hexdigest()


def example_size(value: Any) -> int:
    """How big an example is: array elements and scalars, counted through dicts, lists, tuples and draws."""
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, dict):
        return sum(example_size(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(example_size(v) for v in value)
    drawn = getattr(value, "drawn", None)
    if isinstance(drawn, list):
        return example_size(drawn)
    return 1


PROBES = 8  # more examples drawn when a failure is too little known to be shown as it is


def show_stronger(check: Check, sub: Submission, ref: Any, recorder: Any, failure: BaseException,
                   seed: int) -> BaseException:
    """``failure``, or the failure of a failing example that shows the mistake at full strength, run again, when
    the example hypothesis ended on shows it much more weakly. ``recorder`` is the runner's: its ``failing``
    (FailingExamples) and ``again`` (set while an example is run again); ``seed`` seeds the extra examples.

    Hypothesis stops at its first failure, often its very first (smallest) example: when that leaves a remark
    unconfirmed or the failure weak, ``PROBES`` more examples of the check's strategies are tried first.
    """
    if not check.uses_hypothesis or recorder.failing.shown is None:
        return failure
    hung = dict(sub._sandbox.hung)
    try:
        return _stronger_failure(check, sub, ref, recorder, failure, seed)
    finally:
        sub._sandbox.hung = hung  # a call that timed out here costs later checks nothing: this only explains


def _stronger_failure(check: Check, sub: Submission, ref: Any, recorder: Any, failure: BaseException,
                      seed: int) -> BaseException:
    try:
        probed = recorder.failing.needs_more() and _probe(check, sub, ref, recorder, seed)
    except SubmissionAbort:  # a probe hung or the time is spent: show what hypothesis found, run again
        probed = True
    example = recorder.failing.stronger_example()
    if example is None and probed:
        example = recorder.failing.shown_example  # run the example shown again: the probes replaced its state
    if example is None:
        return failure
    example = {k: RecordedData.again(v) if isinstance(v, RecordedData) else v for k, v in example.items()}
    inner = check.func.hypothesis.inner_test
    given = getattr(check.func.hypothesis, "_given_kwargs", None) or {}
    raised: list[BaseException] = []

    def run(**kwargs: Any) -> None:  # inside hypothesis (as an explicit example), so assume() works as in the check
        try:
            inner(sub, ref, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the check's verdict on that example
            if type(exc).__module__.startswith("hypothesis"):
                raise
            raised.append(exc)

    test = hypothesis.example(**example)(hypothesis.given(**given)(run)) if set(given) == set(example) else None
    if test is None:
        return failure
    test = hypothesis.settings(database=None, deadline=None, phases=[Phase.explicit], verbosity=Verbosity.quiet,
                               suppress_health_check=list(HealthCheck), print_blob=False)(test)
    recorder.again = True
    try:
        test()
    except SubmissionAbort:
        return failure
    except Exception:  # noqa: BLE001 - hypothesis refused the example: keep what it found
        return failure
    finally:
        recorder.again = False
    return raised[-1] if raised else failure  # it passed this time: keep what hypothesis found


def _probe(check: Check, sub: Submission, ref: Any, recorder: Any, seed: int) -> bool:
    """Run the check on ``PROBES`` more examples of its own strategies, recording those that fail and going on
    after a failure (as hypothesis does not); False when it could not start (then no example ran)."""
    given = getattr(check.func.hypothesis, "_given_kwargs", None)
    if not given or any(not isinstance(k, str) for k in given):
        return False
    inner = check.func.hypothesis.inner_test

    def probe(**kwargs: Any) -> None:
        try:
            inner(sub, ref, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a failing example: recorded by the recorder
            if type(exc).__module__.startswith("hypothesis"):
                raise

    test = hypothesis.given(**given)(probe)
    test = hypothesis.settings(database=None, deadline=None, max_examples=PROBES, phases=[Phase.generate],
                               suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
                               print_blob=False)(test)
    hypothesis.seed(seed)(test)
    shown = recorder.failing.shown
    try:
        test()
    except SubmissionAbort:
        raise
    except Exception:  # noqa: BLE001 - hypothesis could not draw more examples: keep what was found
        pass
    finally:
        recorder.failing.shown = shown
    return True
