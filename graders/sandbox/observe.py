"""What the worker observes of student code while it runs: part of the trusted bootstrap.

Imported by ``worker.py`` (beside it) before any student code, never by the
grader. Three observers, each reporting plain data the grader judges:

- ``LineCounter``: the Python lines run during a call (every frame's, the
  standard library's and NumPy's included, so no name or file a submission
  gives its code can hide it), for the vectorisation checks.
- ``BackwardWatch``: inside a backward pass, calls into the kata's forward
  passes (by code object, whatever name or alias reaches them), and calls on
  inputs that are tiny perturbations of the previous call's or complex with a
  tiny imaginary part: a gradient computed numerically instead of derived.
- ``ForbiddenFunctions``: a forbidden function refused by identity, wherever it
  is reached from (any module attribute, alias, ``__globals__``, the NumPy
  implementation behind a dispatcher).

``Hooks`` is the one door to the interpreter's trace and profile functions and
to new threads: while an observer is active, a submission that calls
``sys.settrace``, ``sys.setprofile`` (or the ``threading`` versions) is recorded
as tampering, and threads it starts (``threading`` or raw ``_thread``) run
under the same observers.
"""
from __future__ import annotations

import _imp
import _thread
import sys
import threading
from typing import Any, Callable

try:
    import numpy as _np
except ImportError:  # pragma: no cover - the worker always has NumPy
    _np = None

PERTURBATION = 1e-3  # inputs that moved by at most this fraction of themselves since the previous call: perturbed
PERTURBED_CALLS = 3  # consecutive perturbed calls of one function that make a finite-difference gradient
COMPLEX_STEP = 1e-6  # an imaginary part this small relative to the real part looks like the complex-step trick
SNAPSHOT_LIMIT = 100_000  # elements: larger arrays are not compared (nor copied)
MAX_ITEMS = 16  # items of a list or tuple argument looked into
_VARARGS = 0x04  # CO_VARARGS: the code object takes *args
FORWARD_CALLS_ALLOWED = 16  # calls into a forward pass from one backward call (a legitimate one recomputes a cache)


class Hooks:
    """Owns ``sys.settrace``/``sys.setprofile`` and thread creation while observers are active.

    Installed once, before student code is imported: the originals are kept
    here and the public names are replaced by guards. While nothing observes,
    the guards pass through; while something does, setting another trace or
    profile function is recorded in ``tampered`` and ignored, a new thread
    starts with the active trace and profile functions, and a thread of the
    submission's running beside the observed call (started before it, or not
    finished when it returns) is tampering too.
    """

    def __init__(self) -> None:
        self._settrace, self._setprofile = sys.settrace, sys.setprofile
        self._start_thread = _thread.start_new_thread
        self._create_builtin = _imp.create_builtin
        self._current_frames = sys._current_frames
        self._own_threads = set(self._current_frames())  # the bootstrap's threads, before any student code
        self.trace: Callable | None = None
        self.profile: Callable | None = None
        self.tampered = ""

    @property
    def active(self) -> bool:
        return self.trace is not None or self.profile is not None

    def install(self) -> None:
        sys.settrace = self._guard(self._settrace, "trace", "sys.settrace")
        sys.setprofile = self._guard(self._setprofile, "profile", "sys.setprofile")
        threading.settrace = self._guard(lambda f: setattr(threading, "_trace_hook", f), "trace", "threading.settrace")
        threading.setprofile = self._guard(lambda f: setattr(threading, "_profile_hook", f), "profile",
                                           "threading.setprofile")
        _thread.start_new_thread = _thread.start_new = threading._start_new_thread = self._start_new_thread
        _imp.create_builtin = self._guarded_create_builtin

    def _guard(self, original: Callable, kind: str, name: str) -> Callable:
        def guarded(function):
            if self.active:
                if function is not getattr(self, kind):
                    self.tampered = self.tampered or f"{name}() was called"
                return None
            return original(function)

        guarded.__name__ = guarded.__qualname__ = name.rpartition(".")[2]
        return guarded

    def _guarded_create_builtin(self, spec):
        if getattr(spec, "name", None) in ("_thread", "sys", "_imp"):
            raise ImportError(f"a second copy of {spec.name} cannot be created in the grading worker")
        return self._create_builtin(spec)

    def _start_new_thread(self, function, args, kwargs=None):
        if not self.active:
            return self._start_thread(function, args, kwargs or {})
        trace, profile = self.trace, self.profile

        def observed(*a, **k):
            self._settrace(trace)
            self._setprofile(profile)
            try:
                return function(*a, **k)
            finally:
                self._settrace(None)
                self._setprofile(None)

        return self._start_thread(observed, args, kwargs or {})

    def _other_threads_run(self) -> bool:
        """True when a thread of the submission's is running Python code beside this one (unobserved)."""
        me = _thread.get_ident()
        return any(ident != me and ident not in self._own_threads for ident in self._current_frames())

    def start(self, trace: Callable | None = None, profile: Callable | None = None) -> None:
        """Install ``trace`` and/or ``profile`` in this thread (the other one is left as it is).

        A thread the submission started before (so without them) and that is
        still running could do the work unobserved: that is tampering too.
        """
        if not self.active:
            self.tampered = ""
            if self._other_threads_run():
                self.tampered = "a thread your code started earlier was still running"
        if trace is not None:
            self.trace = trace
            self._settrace(trace)
        if profile is not None:
            self.profile = profile
            self._setprofile(profile)

    def stop(self, trace: bool = False, profile: bool = False) -> str:
        """Remove the functions ``start`` installed; returns why they cannot be trusted, or ""."""
        problem = self.tampered
        if trace:
            if not problem and sys.gettrace() is not self.trace:
                problem = "the line tracer was replaced"
            self._settrace(None)
            self.trace = None
        if profile:
            if not problem and sys.getprofile() is not self.profile:
                problem = "the profiler was replaced"
            self._setprofile(None)
            self.profile = None
        if not problem and self._other_threads_run():
            problem = "a thread your code started was still running when the call returned"
        return problem


class LineCounter:
    """Counts the Python lines that run during one call, in every frame and every thread it starts.

    Library frames are counted too: they run the same lines whatever the size
    of a vectorised input, so they cost no slack, and counting them means no
    file name or code-object name can take a loop out of the count. A frame
    whose tracing is switched off (``frame.f_trace``, ``f_trace_lines``) is
    noticed when it returns or calls anything, and makes the count untrusted.
    """

    def __init__(self, hooks: Hooks) -> None:
        self.hooks = hooks
        self.lines = 0
        self.tampered = ""
        self._calls = self._returns = 0
        self._on_call_bound = self._on_call  # one bound method each, compared by identity
        self._on_line_bound = self._on_line

    def _on_call(self, frame, event, arg):
        self._calls += 1
        back = frame.f_back
        if back is not None and back.f_trace is not None and (
                back.f_trace is not self._on_line_bound or not back.f_trace_lines):
            self.tampered = self.tampered or "a frame's line tracer was replaced"
        return self._on_line_bound

    def _on_line(self, frame, event, arg):
        if event == "line":
            self.lines += 1
        elif event == "return":
            self._returns += 1
            if frame.f_trace is not self._on_line_bound or not frame.f_trace_lines:
                self.tampered = self.tampered or "a frame's line tracer was switched off"
        return self._on_line_bound

    def __enter__(self) -> "LineCounter":
        self.hooks.start(trace=self._on_call_bound)
        return self

    def __exit__(self, *exc) -> None:
        # This method's own frame has had its 'call' counted but cannot return while traced.
        unbalanced = self._calls - self._returns - 1
        problem = self.hooks.stop(trace=True)
        if not problem and unbalanced:
            problem = "a frame switched its line tracer off"
        self.tampered = self.tampered or problem


def _arrays(frame) -> list[tuple[str, Any]]:
    """The float and complex NumPy arrays the call ``frame`` has just started received, by name.

    Arrays passed directly, in ``*args``, or one level down in a list or tuple
    argument (``forward(*inputs)``, ``loss([x, w])``) are all found.
    """
    code = frame.f_code
    count = code.co_argcount + code.co_kwonlyargcount + bool(code.co_flags & _VARARGS)
    if not count:
        return []
    values = frame.f_locals
    found = []
    for name in code.co_varnames[:count]:
        value = values.get(name)
        items = [(name, value)]
        if type(value) in (list, tuple):
            items = [(f"{name}[{i}]", item) for i, item in enumerate(value[:MAX_ITEMS])]
        for label, item in items:
            if type(item) is _np.ndarray and item.dtype.kind in "fc":
                found.append((label, item))
    return found


def _tiny_imaginary(array) -> bool:
    if array.dtype.kind != "c" or array.size == 0 or array.size > SNAPSHOT_LIMIT:
        return False
    imag = float(_np.max(_np.abs(array.imag)))
    real = float(_np.max(_np.abs(array.real)))
    return 0.0 < imag <= COMPLEX_STEP * max(real, 1e-300)


def _moved_a_lot(now, old) -> bool:
    """A quick look at three elements: True when one of them moved by more than a tiny fraction of itself."""
    flat_now, flat_old = now.reshape(-1), old.reshape(-1)
    for k in (0, now.size // 2, now.size - 1):
        a, b = flat_now[k], flat_old[k]
        if a != b and not abs(a - b) <= PERTURBATION * max(abs(a), abs(b)):
            return True
    return False


def _perturbation_of(current: list, previous: list) -> bool:
    """True when the arrays equal the previous call's except for elements changed by a tiny fraction of themselves.

    Finite differences move inputs by ``h`` (about 1e-6 of their size); an
    accumulator or a buffer filled in place changes its elements by far more.
    """
    if len(current) != len(previous) or not current:
        return False
    changed = False
    for (name, now), (old_name, old) in zip(current, previous):
        if name != old_name or old is None or now.shape != old.shape or now.dtype != old.dtype:
            return False
        if now.size == 0 or _moved_a_lot(now, old):
            return False
        if _np.array_equal(now, old):
            continue
        with _np.errstate(all="ignore"):
            delta = _np.abs(now - old)
            moved = delta > 0
            size = _np.maximum(_np.abs(now), _np.abs(old))[moved]
            if not bool(_np.all(delta[moved] <= PERTURBATION * size)):
                return False
        changed = True
    return changed


class BackwardWatch:
    """Watches one call of a backward pass for a gradient computed numerically rather than derived.

    ``forwards`` are the code objects of the kata's forward passes (looked up
    in the student's module at call time). Reported, as plain data:
    ``calls`` into each forward, and the first function seen called on a tiny
    perturbation of its previous inputs (finite differences) or on complex
    inputs with a tiny imaginary part (the complex-step trick).
    """

    def __init__(self, hooks: Hooks, forwards: dict) -> None:
        self.hooks = hooks
        self.forwards = forwards  # code object -> forward name
        self.calls: dict[str, int] = {}
        self.perturbed = ""
        self.complex_step = ""
        self.tampered = ""
        self._last: dict = {}  # code object -> (the previous call's array arguments (copies), perturbed calls in a row)
        self._profile_bound = self._profile

    def _profile(self, frame, event, arg):
        if event != "call":
            return
        code = frame.f_code
        name = self.forwards.get(code)
        if name is not None:
            self.calls[name] = self.calls.get(name, 0) + 1
        if self.perturbed and self.complex_step:
            return
        arrays = _arrays(frame)
        if not arrays:
            return
        label = name or code.co_name
        if not self.complex_step and any(_tiny_imaginary(a) for _, a in arrays):
            self.complex_step = label
        previous, streak = self._last.get(code, (None, 0))
        if previous is not None and not self.perturbed:
            streak = streak + 1 if _perturbation_of(arrays, previous) else 0
            if streak >= PERTURBED_CALLS:
                self.perturbed = label
        self._last[code] = ([(n, a.copy() if a.size <= SNAPSHOT_LIMIT else None) for n, a in arrays], streak)

    def __enter__(self) -> "BackwardWatch":
        self.hooks.start(profile=self._profile_bound)
        return self

    def __exit__(self, *exc) -> None:
        self.tampered = self.hooks.stop(profile=True)
        self._last.clear()

    def report(self) -> dict | None:
        """Plain data for the grader when something looks numerical (or was tampered with), else None."""
        most = max(self.calls.items(), key=lambda item: item[1], default=("", 0))
        if not (self.perturbed or self.complex_step or self.tampered or most[1] > FORWARD_CALLS_ALLOWED):
            return None
        return {"calls": dict(self.calls), "perturbed": self.perturbed, "complex_step": self.complex_step,
                "tampered": self.tampered, "allowed": FORWARD_CALLS_ALLOWED}


class ForbiddenFunctions:
    """Refuses forbidden functions by identity during a kata's calls, wherever they are reached from.

    For each dotted name, the object is resolved once; then every module
    attribute in ``sys.modules`` that holds it (or the Python implementation
    behind a NumPy dispatcher) is replaced by ``refuser`` during the call, and
    that implementation's code is swapped for a refusing one, so an alias kept
    from elsewhere (``__globals__``, a closure, the dispatcher) refuses too.
    """

    def __init__(self) -> None:
        self._objects: dict[str, tuple] = {}  # dotted -> (object, python implementation or None)
        self._places: dict[str, list] = {}  # dotted -> [(namespace dict, key)], refreshed as modules load
        self._module_count = -1

    def _resolve(self, dotted: str) -> tuple | None:
        if dotted not in self._objects:
            module_name, _, attr = dotted.rpartition(".")
            module = sys.modules.get(module_name)
            if module is None:
                try:
                    module = __import__(module_name, fromlist=["_"])
                except ImportError:
                    return None
            target = getattr(module, attr, None)
            if target is None:
                return None
            implementation = getattr(target, "_implementation", None) or getattr(target, "__wrapped__", None)
            if implementation is None and type(target).__name__ == "function":
                implementation = target
            if type(implementation).__name__ != "function":
                implementation = None
            self._objects[dotted] = (target, implementation)
        return self._objects[dotted]

    def _where(self, dotted: str, identities: tuple) -> list:
        if self._module_count != len(sys.modules):
            self._places.clear()
            self._module_count = len(sys.modules)
        if dotted not in self._places:
            places = []
            for module in list(sys.modules.values()):
                namespace = getattr(module, "__dict__", None)
                if type(namespace) is not dict:
                    continue
                for key, value in list(namespace.items()):
                    if any(value is identity for identity in identities):
                        places.append((namespace, key))
            self._places[dotted] = places
        return self._places[dotted]

    def patch(self, names: dict, refuser: Callable[[str, str], Callable]) -> list:
        """Refuse every function of ``names`` (dotted -> reason); returns what ``restore`` puts back."""
        undo = []
        for dotted, reason in names.items():
            resolved = self._resolve(dotted)
            if resolved is None:
                continue
            target, implementation = resolved
            refuse = refuser(dotted, reason)
            identities = (target,) if implementation is None else (target, implementation)
            for namespace, key in self._where(dotted, identities):
                undo.append((namespace, key, namespace.get(key)))
                namespace[key] = refuse
            if implementation is not None:
                undo.append((implementation, "__code__", implementation.__code__))
                implementation.__code__ = _refusing_code(implementation.__code__)
                undo.append((implementation.__globals__, _REFUSE_GLOBAL, implementation.__globals__.get(_REFUSE_GLOBAL)))
                implementation.__globals__[_REFUSE_GLOBAL] = refuse
        return undo

    @staticmethod
    def restore(undo: list) -> None:
        for owner, key, value in reversed(undo):
            if type(owner) is dict:
                if value is None:
                    owner.pop(key, None)
                else:
                    owner[key] = value
            else:
                setattr(owner, key, value)


_REFUSE_GLOBAL = "__ml_katas_refuse__"
_REFUSING: dict = {}


def _refusing_code(code):
    """A code object with ``code``'s free variables that calls the refuser and raises, whatever it returns."""
    key = code.co_freevars
    if key not in _REFUSING:
        cells = "".join(f"    {v} = None\n" for v in key)
        uses = f"        ({', '.join(key)},)\n" if key else ""
        source = (f"def _outer():\n{cells}    def refused(*args, **kwargs):\n{uses}"
                  f"        {_REFUSE_GLOBAL}()\n        raise RuntimeError('refused')\n    return refused\n")
        scope: dict = {}
        exec(compile(source, "<forbidden>", "exec"), scope)
        _REFUSING[key] = scope["_outer"]().__code__
    return _REFUSING[key]
