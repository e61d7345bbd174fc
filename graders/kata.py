"""Kata and Check: the declarative model of an exercise.

A kata package (``katas/<id>/__init__.py``) creates one ``Kata`` and registers
it through the ``register_katas`` hook. Its checks live in ``public.py`` and
``hidden.py`` beside it and attach themselves with ``@kata.check(...)``; the
engine imports those two modules when the checks are first needed, so a
student edition without ``hidden.py`` simply has fewer checks.

Public checks may not use the reference, but they may compare with *frozen
values*: a function decorated with ``@kata.frozen`` computes plain data from
the reference on fixed inputs; ``kata.frozen_value(name)`` returns it. In the
instructor's tree it is computed from the reference; ``grade release`` writes
every frozen value into ``frozen.json`` beside the kata, and the student
edition reads them from there.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

DEFAULT_FORBIDDEN_IMPORTS = ("torch", "jax", "tensorflow", "keras", "sklearn", "scipy")
DEFAULT_TIMEOUT = 5.0
STUB_FILE = "stub.py"  # katas/<id>/stub.py: the stub as shipped, never edited by the learner
DEFAULT_MAX_EXAMPLES = 20
FROZEN_FILE = "frozen.json"
ELSEWHERE_FILE = "graded_elsewhere.json"  # a student edition's list of the hidden checks it leaves out
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class KataDefinitionError(ValueError):
    """A kata is malformed (bad id, empty api, bad points...). Raised for authors, not students."""


@dataclass
class Check:
    """One graded property of a submission.

    ``func(sub, ref)`` raises on failure (``CheckFailed``, ``AssertionError`` or
    any exception) and returns on success. ``sub`` is the submission (a proxy
    to the worker process); ``ref`` is the reference module for hidden checks
    and a guard that refuses every use for public ones.
    """

    kata_id: str
    name: str
    func: Callable[..., Any]
    points: int = 1
    hidden: bool = False
    max_examples: int | None = None
    timeout: float | None = None
    title: str = ""
    large_enough: Callable[..., bool] | None = None
    _source: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def visibility(self) -> str:
        return "hidden" if self.hidden else "public"

    @property
    def uses_hypothesis(self) -> bool:
        return hasattr(self.func, "hypothesis")

    @property
    def source(self) -> str:
        """The check's own code (its decorators and body); empty when it cannot be read."""
        if self._source is None:
            try:
                self._source = inspect.getsource(inspect.unwrap(self.func))
            except (OSError, TypeError):
                self._source = ""
        return self._source


@dataclass
class Kata:
    """An exercise: its identity, the API a submission must provide, and its checks.

    ``api`` lists the names (functions or classes) the submission module must
    define. ``builds_on`` names katas to do first. ``timeout`` is the wall-clock
    limit of one call into student code, in seconds. ``forbidden_imports`` are
    top-level modules the submission may not import; ``forbidden_names`` are
    dotted names (``"numpy.linalg.inv"``) it may not call, each mapped to a
    sentence saying what to use instead. ``backward_passes`` are the functions
    that must compute a gradient by derivation, not numerically, and
    ``forward_passes`` the functions they must not differentiate numerically
    (by default the ``api`` names ending in ``_backward`` and ``_forward``; pass
    ``()`` to watch none). ``inputs_unchanged`` (default True) adds
    the engine's check ``leaves_its_inputs_unchanged`` (1 point, run last): no
    call may change an argument in place, except those listed in
    ``changes_in_place`` (function name -> argument names) for an API that
    documents an in-place contract. ``package`` is the kata's package
    (pass ``__name__``): its folder holds README.md, hints.md, public.py,
    hidden.py and mistakes.py (its known mistakes).
    """

    id: str
    title: str
    topic: str
    difficulty: int
    api: list[str]
    package: str | None = None
    builds_on: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    max_examples: int = DEFAULT_MAX_EXAMPLES
    forbidden_imports: tuple[str, ...] = DEFAULT_FORBIDDEN_IMPORTS
    forbidden_names: dict[str, str] = field(default_factory=dict)
    inputs_unchanged: bool = True
    changes_in_place: dict[str, tuple[str, ...]] = field(default_factory=dict)
    backward_passes: tuple[str, ...] | None = None
    forward_passes: tuple[str, ...] | None = None
    stub: Path | None = None
    reference: str | None = None
    _checks: list[Check] = field(default_factory=list, repr=False)
    _loaded: bool = field(default=False, repr=False)
    _engine_checks: list[Check] = field(default_factory=list, repr=False)
    _frozen_funcs: dict[str, Callable[[Any], Any]] = field(default_factory=dict, repr=False)
    _frozen_data: dict[str, Any] = field(default_factory=dict, repr=False)
    _mistakes: list[Any] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        problems = []
        if not isinstance(self.id, str) or not _ID.match(self.id):
            problems.append(f"id {self.id!r} must be lower_snake_case (it is also the file name)")
        if not self.title:
            problems.append("title is empty")
        if not isinstance(self.difficulty, int) or not 1 <= self.difficulty <= 5:
            problems.append(f"difficulty {self.difficulty!r} must be an integer from 1 to 5")
        if not self.api or not all(isinstance(n, str) and n.isidentifier() for n in self.api):
            problems.append(f"api {self.api!r} must be a non-empty list of Python names")
        if self.timeout <= 0:
            problems.append("timeout must be positive")
        if problems:
            raise KataDefinitionError(f"kata {self.id!r}: " + "; ".join(problems))
        self.api = list(self.api)
        self.builds_on = tuple(self.builds_on)
        self.changes_in_place = {f: tuple(args) for f, args in self.changes_in_place.items()}
        if self.inputs_unchanged:
            from graders.inplace import inputs_unchanged_check

            self._engine_checks = [inputs_unchanged_check(self)]
        if self.package is None:
            caller = inspect.currentframe().f_back.f_back  # the module that called Kata(...)
            self.package = caller.f_globals.get("__name__") if caller else None

    # -- authoring -------------------------------------------------------------
    def check(
        self,
        points: int = 1,
        hidden: bool = False,
        *,
        max_examples: int | None = None,
        timeout: float | None = None,
        title: str | None = None,
        large_enough: Callable[..., bool] | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: register ``func(sub, ref, ...)`` as a check worth ``points``.

        Put it above ``@given(...)``. The title shown to students is ``title``,
        else the first line of the docstring, else the function name.
        ``large_enough(**drawn)`` (called with the ``@given`` arguments) declares the size above which the
        check's property bites: examples for which it is false are not run, so a failing example never
        shrinks below it (e.g. ``lambda case: case["x"].shape[-1] >= 3`` where 2 features hide the mistake).
        """
        if large_enough is not None and not callable(large_enough):
            raise KataDefinitionError(f"kata {self.id!r}: large_enough must be a function of the drawn arguments")
        if not isinstance(points, int) or points < 1:
            raise KataDefinitionError(f"kata {self.id!r}: points must be a positive integer")

        def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
            name = func.__name__
            if any(c.name == name for c in self._checks):
                raise KataDefinitionError(f"kata {self.id!r}: two checks are named {name!r}")
            doc = (inspect.getdoc(func) or "").strip().splitlines()
            self._checks.append(
                Check(
                    kata_id=self.id,
                    name=name,
                    func=func,
                    points=points,
                    hidden=hidden,
                    max_examples=max_examples,
                    timeout=timeout,
                    title=title or (doc[0] if doc else name.replace("_", " ")),
                    large_enough=large_enough,
                )
            )
            return func

        return decorate

    def frozen(self, func: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """Decorator: ``func(ref)`` computes plain data from the reference on fixed inputs, for public checks.

        Public checks read it with ``kata.frozen_value(func.__name__)``; the
        student edition ships the values in ``frozen.json``, not the reference.
        """
        if func.__name__ in self._frozen_funcs:
            raise KataDefinitionError(f"kata {self.id!r}: two frozen values are named {func.__name__!r}")
        self._frozen_funcs[func.__name__] = func
        return func

    def frozen_value(self, name: str) -> Any:
        """The frozen value ``name``: from ``frozen.json`` in a student edition, else computed from the reference.

        Either way it went through the same JSON encoding, so the instructor's
        tree and the student edition see exactly the same numbers.
        """
        if name not in self._frozen_data:
            stored = self._read_frozen_file()
            if stored is not None:
                self._frozen_data.update(stored)
            elif name in self._frozen_funcs:
                self._frozen_data[name] = self._compute_frozen(name)
        if name not in self._frozen_data:
            raise KataDefinitionError(f"kata {self.id!r} has no frozen value {name!r} (define it with @kata.frozen)")
        return decode_frozen(self._frozen_data[name])

    def freeze(self) -> dict[str, Any]:
        """Every frozen value computed from the reference, JSON-ready: what ``grade release`` writes to frozen.json."""
        self.checks  # noqa: B018 - imports public.py and hidden.py, where frozen values are defined
        for name in self._frozen_funcs:
            if name not in self._frozen_data:
                self._frozen_data[name] = self._compute_frozen(name)
        return {name: self._frozen_data[name] for name in sorted(self._frozen_funcs)}

    def _compute_frozen(self, name: str) -> Any:
        reference = importlib.import_module(self.reference_module)
        encoded = encode_frozen(self._frozen_funcs[name](reference), f"kata {self.id!r}, frozen value {name!r}")
        return json.loads(json.dumps(encoded))  # exactly what a student edition reads back from frozen.json

    def _read_frozen_file(self) -> dict[str, Any] | None:
        folder = self.folder
        path = folder / FROZEN_FILE if folder else None
        if path is None or not path.is_file():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    # -- reading ---------------------------------------------------------------
    @property
    def passes(self) -> dict[str, list[str]] | None:
        """``{"forward": [...], "backward": [...]}``: what the worker watches for numerical gradients (None: nothing)."""
        backward = self.backward_passes
        if backward is None:
            backward = tuple(name for name in self.api if name.endswith("_backward"))
        forward = self.forward_passes
        if forward is None:
            forward = tuple(name for name in self.api if name.endswith("_forward"))
        return {"forward": list(forward), "backward": list(backward)} if backward else None

    @property
    def folder(self) -> Path | None:
        if not self.package:
            return None
        module = importlib.import_module(self.package)
        return Path(module.__file__).parent if getattr(module, "__file__", None) else None

    @property
    def checks(self) -> list[Check]:
        """Every check, public first, in definition order, then the engine's (imports public.py/hidden.py once)."""
        if not self._loaded:
            registered = len(self._checks)
            try:
                for part in ("public", "hidden"):
                    _import_optional(f"{self.package}.{part}")
            except BaseException:
                del self._checks[registered:]  # a half-imported module must not leave half its checks
                raise
            self._loaded = True
        return sorted(self._checks, key=lambda c: c.hidden) + self._engine_checks

    def checks_for(self, visibility: Iterable[str] = ("public", "hidden")) -> list[Check]:
        wanted = set(visibility)
        return [c for c in self.checks if c.visibility in wanted]

    def checks_not_run(self, visibility: Iterable[str] = ("public", "hidden")) -> list[str]:
        """Titles of the kata's checks that grading with ``visibility`` cannot run here: hidden checks left out
        by ``--public-only``, and in a student edition the hidden checks it does not ship (``ELSEWHERE_FILE``)."""
        wanted = set(visibility)
        titles = [c.title for c in self.checks if c.visibility not in wanted]
        listed = self.file(ELSEWHERE_FILE)
        if listed is not None and "hidden" in wanted and not any(c.hidden for c in self.checks):
            titles += [str(t) for t in json.loads(listed.read_text(encoding="utf-8")).get("hidden_checks", [])]
        return titles

    @property
    def max_points(self) -> int:
        return sum(c.points for c in self.checks)

    def file(self, name: str) -> Path | None:
        """A file of the kata's folder (README.md, hints.md...), or None when absent."""
        folder = self.folder
        path = folder / name if folder else None
        return path if path and path.is_file() else None

    @property
    def mistakes(self) -> list[Any]:
        """The known mistakes (``graders.Mistake``): ``MISTAKES`` of mistakes.py, then any old-style
        ``mutants/*.py`` file not declared there. Empty in a student edition, which ships neither."""
        if self._mistakes is None:
            from graders.mistakes import from_mutant_file, load_declared

            module = _import_optional(f"{self.package}.mistakes") if self.package else None
            declared = load_declared(module, self.id) if module is not None else []
            ids = {m.id for m in declared}
            self._mistakes = declared + [m for m in map(from_mutant_file, self.mutants) if m.id not in ids]
        return self._mistakes

    def mistake(self, mistake_id: str) -> Any:
        """The known mistake ``mistake_id``; KeyError when there is none."""
        for mistake in self.mistakes:
            if mistake.id == mistake_id:
                return mistake
        raise KeyError(f"kata {self.id} has no known mistake {mistake_id!r}")

    def mistake_source(self, mistake_id: str) -> str:
        """The module of known mistake ``mistake_id``, built from the reference (``MistakeError`` if it cannot be)."""
        reference = self.reference_path
        if reference is None:
            raise KataDefinitionError(f"kata {self.id}: the reference {self.reference_module} cannot be found")
        return self.mistake(mistake_id).build_source(reference.read_text(encoding="utf-8"), self.id)

    @property
    def reference_path(self) -> Path | None:
        """The file of the reference module, found without importing it; None when there is none."""
        try:
            spec = importlib.util.find_spec(self.reference_module)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.origin or not Path(spec.origin).is_file():
            return None
        return Path(spec.origin)

    @property
    def mutants(self) -> list[Path]:
        folder = self.folder
        if not folder or not (folder / "mutants").is_dir():
            return []
        return sorted(p for p in (folder / "mutants").glob("*.py") if p.name != "__init__.py")

    @property
    def stub_path(self) -> Path | None:
        """The pristine stub: ``stub`` when given, else ``katas/<id>/stub.py`` (it ships with the kata, also in
        an installed package), else ``student/<id>.py`` beside the katas (a kata without its own copy)."""
        if self.stub is not None:
            return Path(self.stub)
        folder = self.folder
        if folder is None:
            return None
        pristine = folder / STUB_FILE
        return pristine if pristine.is_file() else folder.parent.parent / "student" / f"{self.id}.py"

    @property
    def reference_module(self) -> str:
        return self.reference or f"reference.{self.id}"


def _import_optional(module: str) -> Any:
    """Import ``module`` and return it, or None when it does not exist; errors inside it propagate."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None


_ARRAY_KINDS = "biuf"


def encode_frozen(value: Any, where: str = "a frozen value") -> Any:
    """Plain data as JSON-ready data: arrays (bool/int/float) and tuples are tagged, the rest kept as is."""
    if isinstance(value, np.generic) and value.dtype.kind in _ARRAY_KINDS:
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.ndarray) and value.dtype.kind in _ARRAY_KINDS:
        return {"__ndarray__": value.tolist(), "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, (list, tuple)):
        items = [encode_frozen(v, where) for v in value]
        return items if isinstance(value, list) else {"__tuple__": items}
    if isinstance(value, dict) and all(isinstance(k, str) and not k.startswith("__") for k in value):
        return {k: encode_frozen(v, where) for k, v in value.items()}
    raise KataDefinitionError(
        f"{where}: {type(value).__name__} cannot be frozen; use numbers, str, None, bool/int/float arrays, "
        "and lists, tuples and dicts (with str keys) of these")


def decode_frozen(value: Any) -> Any:
    """The inverse of ``encode_frozen``: fresh arrays and tuples every time."""
    if isinstance(value, list):
        return [decode_frozen(v) for v in value]
    if isinstance(value, dict):
        if "__ndarray__" in value:
            return np.array(value["__ndarray__"], dtype=np.dtype(value["dtype"])).reshape(value["shape"])
        if "__tuple__" in value:
            return tuple(decode_frozen(v) for v in value["__tuple__"])
        return {k: decode_frozen(v) for k, v in value.items()}
    return value
