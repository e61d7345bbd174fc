"""Which arguments a call changed in place: compared in the worker, reported to the grader as plain data.

The worker decodes every argument from the request's wire buffers, which stay
untouched while the student's code runs. After the call, ``changed_arguments``
walks the encoded request (the record of what was sent) beside the decoded
objects the student received, and lists every difference: an array whose
values, shape or dtype changed, a list that grew or shrank, a dict entry set,
added or removed. Tuples and scalars cannot change; handles (objects that live
in the worker) are the student's own and are not compared.

Each change is a dict of plain data::

    {"argument": "state", "path": "['m']", "what": "values",
     "index": [0, 2], "old": 0.5, "new": 0.0, "count": 3}

This module imports only the standard library and NumPy: the worker loads it
beside ``wire.py``, outside the ``graders`` package.
"""
from __future__ import annotations

import types
from typing import Any

import numpy as np

MAX_CHANGES = 8  # changes reported per call: enough to explain, bounded for the wire


def changed_arguments(sent_args: list, args: list, sent_kwargs: Any, kwargs: dict, buffers: list,
                      names: list[str]) -> list[dict]:
    """Every argument of one call that differs from what was sent, at most ``MAX_CHANGES``.

    ``sent_args``/``sent_kwargs`` are the encoded request (``wire.encode`` form), ``args``/``kwargs``
    the decoded objects the call received, ``buffers`` the request's array buffers, ``names`` the
    parameter names of the called function in order (may be shorter than ``args``).
    """
    changes: list[dict] = []
    for position, (sent, now) in enumerate(zip(sent_args, args)):
        name = names[position] if position < len(names) else f"argument {position + 1}"
        _compare(sent, now, buffers, name, "", changes)
    pairs = sent_kwargs.get("$dict") if type(sent_kwargs) is dict else None
    for pair in pairs if type(pairs) is list else []:
        key = pair[0]
        if key in kwargs:
            _compare(pair[1], kwargs[key], buffers, str(key), "", changes)
    return changes[:MAX_CHANGES]


def parameter_names(func: Any, bound: bool = False) -> list[str]:
    """The positional parameter names of a plain Python function, read without running any of its code."""
    if type(func) is not types.FunctionType:
        return []
    code = func.__code__
    names = list(code.co_varnames[: code.co_argcount])
    return names[1:] if bound else names


def _compare(sent: Any, now: Any, buffers: list, argument: str, path: str, out: list[dict]) -> None:
    if len(out) >= MAX_CHANGES:
        return
    if type(sent) is list:
        if type(now) is not list:
            return  # cannot happen: the call received exactly what was decoded
        for i, (item_sent, item_now) in enumerate(zip(sent, now)):
            _compare(item_sent, item_now, buffers, argument, f"{path}[{i}]", out)
        if len(now) != len(sent):
            out.append(_change(argument, path, "length", old=len(sent), new=len(now)))
        return
    if type(sent) is not dict:
        _compare_plain(sent, now, argument, path, out)  # a scalar inside a list or dict may have been replaced
        return
    if "$tuple" in sent and type(now) is tuple:
        for i, (item_sent, item_now) in enumerate(zip(sent["$tuple"], now)):
            _compare(item_sent, item_now, buffers, argument, f"{path}[{i}]", out)
    elif "$dict" in sent and type(now) is dict:
        _compare_dict(sent["$dict"], now, buffers, argument, path, out)
    elif "$nd" in sent:
        _compare_array(sent, now, buffers, argument, path, out)


def _compare_plain(sent: Any, now: Any, argument: str, path: str, out: list[dict]) -> None:
    """None, bool, int, float or str: the same type and value (NaN equals NaN)."""
    if type(now) is type(sent) and (now == sent or (type(now) is float and now != now and sent != sent)):
        return
    if type(now) in (bool, int, float, str, type(None)):
        out.append(_change(argument, path, "values", index=[], old=sent, new=now, count=1, size=1))
    else:
        out.append(_change(argument, path, "replaced", new_type=type(now).__name__[:40]))


def _compare_dict(pairs: list, now: dict, buffers: list, argument: str, path: str, out: list[dict]) -> None:
    sent_keys = []
    for key, value in pairs:
        sent_keys.append(key)
        where = f"{path}[{key!r}]"
        if key not in now:
            out.append(_change(argument, where, "removed"))
        else:
            _compare(value, now[key], buffers, argument, where, out)
    for key in list(now)[:64]:
        if type(key) not in (str, int) or key not in sent_keys:
            out.append(_change(argument, f"{path}[{_key_text(key)}]", "added"))


def _compare_array(sent: dict, now: Any, buffers: list, argument: str, path: str, out: list[dict]) -> None:
    dtype, shape = np.dtype(sent["dtype"]), tuple(sent["shape"])
    old = np.frombuffer(buffers[sent["$nd"]], dtype=dtype).reshape(shape)
    if type(now) is not np.ndarray:
        out.append(_change(argument, path, "replaced", new_type=type(now).__name__[:40]))
        return
    if now.shape != shape or now.dtype != dtype:
        out.append(_change(argument, path, "shape", old=f"{list(shape)} {dtype.name}",
                           new=f"{list(now.shape)} {now.dtype.name}"))
        return
    if np.array_equal(now, old):  # the common case, in one pass
        return
    if dtype.kind in "fc":
        differ = ~((now == old) | (np.isnan(now) & np.isnan(old)))
    else:
        differ = now != old
    if not differ.any():
        return
    count = int(np.count_nonzero(differ))
    first = np.unravel_index(int(np.flatnonzero(differ)[0]), shape) if shape else ()
    out.append(_change(argument, path, "values", index=[int(i) for i in first],
                       old=old[first].item(), new=now[first].item(), count=count, size=int(old.size)))


def _change(argument: str, path: str, what: str, **details: Any) -> dict:
    change = {"argument": argument[:80], "path": path[:200], "what": what}
    for key, value in details.items():
        if isinstance(value, complex):
            value = str(value)
        change[key] = value
    return change


def _key_text(key: Any) -> str:
    return repr(key)[:60] if type(key) in (str, int) else f"<a {type(key).__name__[:40]} key>"
