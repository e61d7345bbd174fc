"""The built-in katas: every sub-package here is one kata plugin."""
from __future__ import annotations

import pkgutil


def builtin_plugins() -> tuple[str, ...]:
    """Module names of the built-in kata plugins, in alphabetical order."""
    return tuple(f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if m.ispkg)
