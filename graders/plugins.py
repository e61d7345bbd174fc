"""The plugin manager: built-in plugins, the ``ml_katas`` entry points, and ``--plugin`` modules or paths.

Katas and reporters reach the host through ``register`` callbacks, so the
host validates them and rejects duplicates with a clear message instead of
letting one plugin silently replace another.
"""
from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import pluggy

from graders import hookspecs
from graders.kata import Kata

DEFAULT_PLUGINS = (
    "graders.reporters.terminal",
    "graders.reporters.json_report",
    "graders.reporters.junit",
    "graders.reporters.gradescope",
    "graders.reporters.exercism",
    "graders.reporters.github_classroom",
)
ENTRY_POINT_GROUP = "ml_katas"
LOAD_PLUGINS_ENV = "KATAS_LOAD_PLUGINS"  # comma-separated allow-list of entry-point names; empty: none


class PluginError(Exception):
    """A plugin could not be loaded or registered something malformed."""


@dataclass
class Registry:
    """What the plugins registered: katas by id, reporters by name, and one line per problem met."""

    katas: dict[str, Kata] = field(default_factory=dict)
    reporters: dict[str, Callable[..., Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)

    def kata(self, kata_id: str) -> Kata:
        """The kata ``kata_id``; an unknown id raises KeyError with a did-you-mean sentence."""
        if kata_id in self.katas:
            return self.katas[kata_id]
        close = difflib.get_close_matches(kata_id, list(self.katas), n=3, cutoff=0.5)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise KeyError(f"unknown kata {kata_id!r}.{hint} `grade list` shows every kata.")

    def ordered(self) -> list[Kata]:
        """Katas in learning order: by difficulty, where a kata is never easier than what it builds on,
        and prerequisites always come first (then by id)."""
        level: dict[str, tuple[int, int]] = {}

        def rank(kata_id: str, stack: tuple[str, ...] = ()) -> tuple[int, int]:
            """(difficulty raised to the prerequisites', length of the longest prerequisite chain)."""
            if kata_id not in level:
                kata = self.katas[kata_id]
                deps = [rank(d, stack + (kata_id,)) for d in kata.builds_on if d in self.katas and d not in stack]
                level[kata_id] = (max([kata.difficulty] + [d[0] for d in deps]), 1 + max([d[1] for d in deps], default=0))
            return level[kata_id]

        return sorted(self.katas.values(), key=lambda k: (*rank(k.id), k.id))


def get_plugin_manager(extra: Iterable[str] = ()) -> tuple[pluggy.PluginManager, list[str]]:
    """A PluginManager with the built-ins, allowed entry points and ``extra`` modules/paths; plus problems met."""
    import katas  # the built-in kata plugins

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    problems: list[str] = []
    for name in DEFAULT_PLUGINS + katas.builtin_plugins():
        _register_module(pm, name, problems)
    _load_entry_points(pm, problems)
    for spec in extra:
        try:
            module = _import_plugin(spec)
        except PluginError as exc:
            problems.append(str(exc))
            continue
        if not pm.is_registered(module):
            pm.register(module, name=f"plugin:{spec}")
    return pm, problems


def _register_module(pm: pluggy.PluginManager, name: str, problems: list[str]) -> None:
    try:
        pm.register(importlib.import_module(name), name=name)
    except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others
        problems.append(f"plugin {name} could not be loaded: {type(exc).__name__}: {exc}")


def _load_entry_points(pm: pluggy.PluginManager, problems: list[str]) -> None:
    allow = os.environ.get(LOAD_PLUGINS_ENV)
    allowed = None if allow is None else {a.strip() for a in allow.split(",") if a.strip()}
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if allowed is not None and ep.name not in allowed:
            continue
        if pm.has_plugin(ep.name):
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"plugin {ep.name} ({ep.value}) could not be loaded: {type(exc).__name__}: {exc}")


def _import_plugin(spec: str) -> Any:
    """``--plugin`` takes a module name or a path to a .py file or a package folder."""
    path = Path(spec)
    if path.suffix == ".py" or path.is_dir() or os.sep in spec:
        target = path / "__init__.py" if path.is_dir() else path
        if not target.is_file():
            raise PluginError(f"--plugin {spec}: no such file or package folder")
        name = f"ml_katas_plugin_{abs(hash(str(target.resolve())))}"
        if name in sys.modules:
            return sys.modules[name]
        module_spec = importlib.util.spec_from_file_location(
            name, target, submodule_search_locations=[str(target.parent)] if target.name == "__init__.py" else None
        )
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        try:
            module_spec.loader.exec_module(module)
        except Exception as exc:  # noqa: BLE001
            del sys.modules[name]
            raise PluginError(f"--plugin {spec} could not be loaded: {type(exc).__name__}: {exc}") from None
        return module
    try:
        return importlib.import_module(spec)
    except Exception as exc:  # noqa: BLE001
        raise PluginError(f"--plugin {spec} could not be imported: {type(exc).__name__}: {exc}") from None


def load_registry(extra: Iterable[str] = ()) -> Registry:
    """Ask every plugin to register its katas and reporters, validating each registration."""
    pm, problems = get_plugin_manager(extra)
    registry = Registry(problems=problems)
    for impl in pm.hook.register_katas.get_hookimpls():
        def register_kata(kata: Any, _plugin: str = impl.plugin_name) -> None:
            if not isinstance(kata, Kata):
                return registry.problems.append(f"plugin {_plugin} registered {kata!r}, which is not a graders.Kata")
            if kata.id in registry.katas:
                return registry.problems.append(
                    f"plugin {_plugin} registers kata {kata.id!r}, which {registry.owners[kata.id]} "
                    "already registered; the second one is ignored")
            registry.katas[kata.id] = kata
            registry.owners[kata.id] = _plugin
        _call_register(impl, register_kata, registry)
    for impl in pm.hook.register_reporters.get_hookimpls():
        def register_reporter(name: str, reporter: Callable[..., Any], _plugin: str = impl.plugin_name) -> None:
            if not isinstance(name, str) or not callable(reporter):
                return registry.problems.append(f"plugin {_plugin} registered a malformed reporter {name!r}")
            if name in registry.reporters:
                return registry.problems.append(
                    f"plugin {_plugin} registers reporter {name!r}, which is already registered; ignored")
            registry.reporters[name] = reporter
        _call_register(impl, register_reporter, registry)
    return registry


def _call_register(impl: pluggy.HookImpl, callback: Callable[..., None], registry: Registry) -> None:
    try:
        impl.function(register=callback)
    except Exception as exc:  # noqa: BLE001
        registry.problems.append(f"plugin {impl.plugin_name} failed while registering: {type(exc).__name__}: {exc}")
