"""Kata and Check: the declarative model of an exercise.

A kata package (``katas/<id>/__init__.py``) creates one ``Kata`` and registers
it through the ``register_katas`` hook. Its checks live in ``public.py`` and
``hidden.py`` beside it and attach themselves with ``@kata.check(...)``; the
engine imports those two modules when the checks are first needed, so a
student edition without ``hidden.py`` simply has fewer checks.
"""
from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

DEFAULT_FORBIDDEN_IMPORTS = ("torch", "jax", "tensorflow", "keras", "sklearn", "scipy")
DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_EXAMPLES = 20
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

    @property
    def visibility(self) -> str:
        return "hidden" if self.hidden else "public"

    @property
    def uses_hypothesis(self) -> bool:
        return hasattr(self.func, "hypothesis")


@dataclass
class Kata:
    """An exercise: its identity, the API a submission must provide, and its checks.

    ``api`` lists the names (functions or classes) the submission module must
    define. ``builds_on`` names katas to do first. ``timeout`` is the wall-clock
    limit of one call into student code, in seconds. ``forbidden_imports`` are
    top-level modules the submission may not import; ``forbidden_names`` are
    dotted names (``"numpy.linalg.inv"``) it may not call, each mapped to a
    sentence saying what to use instead. ``package`` is the kata's package
    (pass ``__name__``): its folder holds README.md, hints.md, public.py,
    hidden.py and mutants/.
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
    stub: Path | None = None
    reference: str | None = None
    _checks: list[Check] = field(default_factory=list, repr=False)
    _loaded: bool = field(default=False, repr=False)

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
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: register ``func(sub, ref, ...)`` as a check worth ``points``.

        Put it above ``@given(...)``. The title shown to students is ``title``,
        else the first line of the docstring, else the function name.
        """
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
                )
            )
            return func

        return decorate

    # -- reading ---------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        if not self.package:
            return None
        module = importlib.import_module(self.package)
        return Path(module.__file__).parent if getattr(module, "__file__", None) else None

    @property
    def checks(self) -> list[Check]:
        """Every check, public first, in definition order (imports public.py/hidden.py once)."""
        if not self._loaded:
            self._loaded = True
            for part in ("public", "hidden"):
                _import_optional(f"{self.package}.{part}")
        return sorted(self._checks, key=lambda c: c.hidden)

    def checks_for(self, visibility: Iterable[str] = ("public", "hidden")) -> list[Check]:
        wanted = set(visibility)
        return [c for c in self.checks if c.visibility in wanted]

    @property
    def max_points(self) -> int:
        return sum(c.points for c in self.checks)

    def file(self, name: str) -> Path | None:
        """A file of the kata's folder (README.md, hints.md...), or None when absent."""
        folder = self.folder
        path = folder / name if folder else None
        return path if path and path.is_file() else None

    @property
    def mutants(self) -> list[Path]:
        folder = self.folder
        if not folder or not (folder / "mutants").is_dir():
            return []
        return sorted(p for p in (folder / "mutants").glob("*.py") if p.name != "__init__.py")

    @property
    def stub_path(self) -> Path | None:
        if self.stub is not None:
            return Path(self.stub)
        folder = self.folder
        return folder.parent.parent / "student" / f"{self.id}.py" if folder else None

    @property
    def reference_module(self) -> str:
        return self.reference or f"reference.{self.id}"


def _import_optional(module: str) -> None:
    """Import ``module`` if it exists; errors inside it propagate."""
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
