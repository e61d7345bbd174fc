"""Every hook of ml-katas. A hook's docstring is its contract."""
from __future__ import annotations

import pluggy

PROJECT = "ml_katas"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_katas(register):
    """Call ``register(kata)`` once for each ``graders.Kata`` this plugin provides."""


@hookspec
def register_reporters(register):
    """Call ``register(name, reporter)`` for each output format: ``reporter(report, stream, options) -> None``."""


@hookspec
def register_figures(register):
    """Call ``register(kata_id, name, function)`` for each figure of the HTML report: ``function(sub, ref) -> matplotlib Figure``."""
