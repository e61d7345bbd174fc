"""Where a call's floating-point problems happened (worker side), reported to the grader as plain data.

While a student's call runs, NumPy's floating-point errors that would only have
been *warned* about (divide by zero, overflow, invalid value: the defaults) are
sent to a callback instead (``np.errstate(call=...)``). The callback records
the first occurrence of each kind with the innermost frame of the submission's
own code (file, line and source line), then warns as NumPy would have, so a
warning filter the student set still applies. Whatever the student asked for
(``np.errstate(divide="ignore")`` around a deliberate ``log(0)``, ``"raise"``)
is kept: only errors that would have warned are recorded. Each record::

    {"kind": "invalid", "file": "/…/lstm.py", "line": 12, "code": "c = np.log(p)"}

The grader explains a record only when the value it checks holds a NaN or an
infinity it did not expect, so an infinity that is produced and handled
(``-inf`` masks in attention) never leads to a remark.

This module imports only the standard library and NumPy: the worker loads it
beside ``wire.py``, outside the ``graders`` package.
"""
from __future__ import annotations

import linecache
import sys
import warnings
from typing import Callable

import numpy as np

KINDS = {"divide by zero": "divide", "overflow": "overflow", "invalid value": "invalid"}
ERRSTATE_KEY = {"divide": "divide", "overflow": "over", "invalid": "invalid"}
MAX_RECORDS = 3  # one per kind


class FloatingPointWatch:
    """Context manager for one call: ``records`` lists the first occurrence of each kind, in order.

    ``is_library(filename)`` says which frames are not the submission's (NumPy, the standard library,
    the worker): the record names the innermost frame that is the submission's.
    """

    def __init__(self, is_library: Callable[[str], bool]) -> None:
        self.is_library = is_library
        self.records: list[dict] = []
        self._state = None

    def __enter__(self) -> "FloatingPointWatch":
        self.records = []
        current = np.geterr()
        wanted = {key: ("call" if current[key] == "warn" else current[key]) for key in ("divide", "over", "invalid")}
        if any(mode == "call" for mode in wanted.values()) and np.geterrcall() is None:
            self._state = np.errstate(call=self._record, **wanted)
            self._state.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._state is not None:
            state, self._state = self._state, None
            state.__exit__(*exc)

    def _record(self, text: str, flag: int) -> None:
        kind = KINDS.get(text, text)
        if len(self.records) < MAX_RECORDS and all(r["kind"] != kind for r in self.records):
            frame = sys._getframe(1)
            while frame is not None and self.is_library(frame.f_code.co_filename):
                frame = frame.f_back
            if frame is not None:
                filename, line = frame.f_code.co_filename, frame.f_lineno
                code = linecache.getline(filename, line).strip()[:160]
                self.records.append({"kind": kind, "file": filename[:500], "line": int(line), "code": code})
        warnings.warn(f"{text} encountered", RuntimeWarning, stacklevel=2)
