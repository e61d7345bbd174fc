"""datasette's rule: every hook has a one-line contract, is documented in docs/, and is exercised by a test."""
from __future__ import annotations

import ast
from pathlib import Path

from graders import hookspecs
from tests.conftest import ROOT


def test_every_hook_is_documented_and_tested():
    specs = [n.name for n in ast.parse(Path(hookspecs.__file__).read_text()).body if isinstance(n, ast.FunctionDef)]
    assert specs
    tests_text = "".join(p.read_text() for p in Path(__file__).parent.rglob("*.py") if p != Path(__file__))
    docs_text = "".join(p.read_text() for p in (ROOT / "docs").glob("*.md"))
    for name in specs:
        assert getattr(hookspecs, name).__doc__, f"hook {name} has no docstring"
        assert name in tests_text, f"hook {name} is used by no test"
        assert name in docs_text, f"hook {name} is not documented in docs/"
