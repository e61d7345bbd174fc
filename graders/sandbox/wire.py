"""The wire format between the grader and the worker: plain data only.

A frame is a 4-byte big-endian length followed by that many bytes: a 4-byte
length of a JSON header, the header, then raw array buffers. The header holds
the message, in which values are JSON natives or tagged objects:

    {"$tuple": [...]}, {"$dict": [[key, value], ...]},
    {"$nd": index, "dtype": "<f8", "shape": [2, 3]}   (buffer ``index``)
    {"$np": "<f8", "v": 1.5}                          (a NumPy scalar)
    {"$complex": [re, im]}, {"$handle": id, "type": "Perceptron"}

Decoding never unpickles: arrays are rebuilt with ``np.frombuffer`` from a
whitelisted dtype whose size must match the buffer exactly. Anything
malformed raises ``WireError``. This module imports only the standard library
and NumPy because the worker loads it too.
"""
from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Any, Callable

import numpy as np

MAX_FRAME = 256 * 2**20
MAX_DEPTH = 32
MAX_CONTAINERS = 100_000  # lists and dicts in one message's header: plain data needs far fewer
ALLOWED_KINDS = "biufc"  # bool, int, uint, float, complex: never object, void or structured


class WireError(Exception):
    """A frame or value that does not follow the wire format."""


class FrameTooLarge(WireError):
    """A frame announced as ``size`` bytes, over the reader's ``limit``: it is not read."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"frame of {size} bytes is over the {limit}-byte limit")
        self.size, self.limit = size, limit


# -- values ----------------------------------------------------------------------


def encode(value: Any, buffers: list[bytes], on_other: Callable[[Any], dict] | None = None, depth: int = 0) -> Any:
    """Turn ``value`` into a JSON-able structure, appending array bytes to ``buffers``.

    Exact types only (no subclasses). A value that is not plain data goes to
    ``on_other`` (the worker turns it into a handle); without it, WireError.
    """
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    t = type(value)
    if value is None or t in (bool, int, str):
        return value
    if t is float:
        return value
    if t is complex:
        return {"$complex": [value.real, value.imag]}
    if t is list:
        return [encode(v, buffers, on_other, depth + 1) for v in value]
    if t is tuple:
        return {"$tuple": [encode(v, buffers, on_other, depth + 1) for v in value]}
    if t is dict and all(type(k) in (str, int) for k in value):
        return {"$dict": [[k, encode(v, buffers, on_other, depth + 1)] for k, v in value.items()]}
    if t is np.ndarray and value.dtype.kind in ALLOWED_KINDS and value.dtype.fields is None:
        buffers.append(value.tobytes(order="C"))  # keeps 0-d arrays 0-d (ascontiguousarray would not)
        return {"$nd": len(buffers) - 1, "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, np.generic) and t.__module__ == "numpy" and value.dtype.kind in ALLOWED_KINDS:
        item = value.item()
        if isinstance(item, complex):
            return {"$np": value.dtype.str, "v": [item.real, item.imag]}
        return {"$np": value.dtype.str, "v": item}
    if t is dict and "$handle" in value and on_other is None:
        return value  # a handle reference sent back to the worker
    if on_other is not None:
        return on_other(value)
    raise WireError(f"cannot send a {t.__name__}")


def decode(obj: Any, buffers: list[memoryview], on_handle: Callable[[dict], Any], depth: int = 0) -> Any:
    """Rebuild a value encoded by ``encode``; handles go to ``on_handle``."""
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    if obj is None or type(obj) in (bool, int, float, str):
        return obj
    if type(obj) is list:
        return [decode(v, buffers, on_handle, depth + 1) for v in obj]
    if type(obj) is not dict or len(obj) == 0:
        raise WireError("unexpected JSON value")
    if "$tuple" in obj:
        return tuple(decode(v, buffers, on_handle, depth + 1) for v in _list(obj["$tuple"]))
    if "$dict" in obj:
        out = {}
        for pair in _list(obj["$dict"]):
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise WireError("malformed dict entry")
            out[pair[0]] = decode(pair[1], buffers, on_handle, depth + 1)
        return out
    if "$nd" in obj:
        return _decode_array(obj, buffers)
    if "$np" in obj:
        dtype = _dtype(obj["$np"])
        v = obj.get("v")
        if type(v) is list and len(v) == 2 and dtype.kind == "c":
            v = complex(*v)
        if type(v) not in (bool, int, float, complex):
            raise WireError("malformed scalar")
        return dtype.type(v)
    if "$complex" in obj:
        re_im = _list(obj["$complex"])
        if len(re_im) != 2 or not all(type(x) in (int, float) for x in re_im):
            raise WireError("malformed complex number")
        return complex(*re_im)
    if "$handle" in obj:
        if type(obj["$handle"]) is not int:
            raise WireError("malformed handle")
        return on_handle(obj)
    raise WireError("unknown tag")


def _list(v: Any) -> list:
    if type(v) is not list:
        raise WireError("expected a list")
    return v


def _dtype(text: Any) -> np.dtype:
    if type(text) is not str or len(text) > 8:
        raise WireError("malformed dtype")
    try:
        dtype = np.dtype(text)
    except TypeError as exc:
        raise WireError(f"unknown dtype {text!r}") from exc
    if dtype.kind not in ALLOWED_KINDS or dtype.fields is not None or dtype.hasobject:
        raise WireError(f"dtype {text!r} is not allowed")
    return dtype


def _decode_array(obj: dict, buffers: list[memoryview]) -> np.ndarray:
    dtype = _dtype(obj.get("dtype"))
    shape, index = obj.get("shape"), obj.get("$nd")
    if type(shape) is not list or not all(type(s) is int and s >= 0 for s in shape) or len(shape) > 32:
        raise WireError("malformed shape")
    if type(index) is not int or not 0 <= index < len(buffers):
        raise WireError("missing array buffer")
    count = 1
    for s in shape:
        count *= s
    if count * dtype.itemsize != len(buffers[index]):
        raise WireError("array buffer has the wrong size")
    return np.frombuffer(buffers[index], dtype=dtype).reshape(shape).copy()


# -- frames ----------------------------------------------------------------------


def pack(message: Any, buffers: list[bytes]) -> bytes:
    header = json.dumps({"m": message, "b": [len(b) for b in buffers]}, allow_nan=True).encode()
    body = struct.pack(">I", len(header)) + header + b"".join(buffers)
    if len(body) > MAX_FRAME:
        raise WireError(f"message of {len(body)} bytes is over the {MAX_FRAME}-byte limit")
    return struct.pack(">I", len(body)) + body


def unpack(body: bytes) -> tuple[Any, list[memoryview]]:
    if len(body) < 4:
        raise WireError("truncated frame")
    (hlen,) = struct.unpack(">I", body[:4])
    if 4 + hlen > len(body):
        raise WireError("truncated header")
    raw = body[4 : 4 + hlen]
    if raw.count(b"[") + raw.count(b"{") > MAX_CONTAINERS:  # decoding would cost far more than the bytes
        raise WireError(f"message holds more than {MAX_CONTAINERS} lists and dicts")
    try:
        header = json.loads(raw.decode())
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # nesting too deep fails closed too
        raise WireError("header is not JSON, or nested too deeply") from exc
    if type(header) is not dict or type(header.get("b")) is not list:
        raise WireError("malformed header")
    view, offset, buffers = memoryview(body), 4 + hlen, []
    for n in header["b"]:
        if type(n) is not int or n < 0 or offset + n > len(body):
            raise WireError("malformed buffer table")
        buffers.append(view[offset : offset + n])
        offset += n
    if offset != len(body):
        raise WireError("trailing bytes in frame")
    return header.get("m"), buffers


def write_frame(fd: int, message: Any, buffers: list[bytes]) -> int:
    """Write one frame; return its size in bytes."""
    data = memoryview(pack(message, buffers))
    size = len(data)
    while data:
        n = os.write(fd, data)
        data = data[n:]
    return size


def count_numbers(message: Any) -> int:
    """How many numbers an encoded message holds: array elements, NumPy scalars and plain numbers in it."""
    count, stack = 0, [message]
    while stack:
        item = stack.pop()
        if type(item) in (int, float):
            count += 1
        elif type(item) is list:
            stack.extend(item)
        elif type(item) is dict:
            if "$nd" in item:
                size = 1
                for s in item.get("shape") or []:
                    size *= s if type(s) is int else 1
                count += size
            elif "$np" in item or "$complex" in item:
                count += 1
            else:
                stack.extend(item.values())
    return count


def peek_numbers(fd: int, deadline: float, max_header: int = 2**20) -> int | None:
    """After a FrameTooLarge: read only the frame's header (if at most ``max_header`` bytes) and count the numbers
    of the value the reply carries (``ok``), for the message; None where that cannot be done cheaply."""
    try:
        (hlen,) = struct.unpack(">I", read_exactly(fd, 4, deadline))
        if hlen > max_header:
            return None
        raw = read_exactly(fd, hlen, deadline)
        if raw.count(b"[") + raw.count(b"{") > MAX_CONTAINERS:
            return None
        return count_numbers(json.loads(raw.decode())["m"].get("ok"))
    except (WireTimeout, EOFError, OSError, ValueError, RecursionError, AttributeError, KeyError, TypeError,
            struct.error):
        return None


class WireTimeout(Exception):
    """No complete frame arrived before the deadline."""


def read_exactly(fd: int, n: int, deadline: float | None = None) -> bytes:
    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise WireTimeout()
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the channel")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, max_frame: int = MAX_FRAME, deadline: float | None = None) -> tuple[Any, list[memoryview]]:
    """One frame from ``fd``; ``deadline`` (time.monotonic) bounds the wait."""
    (n,) = struct.unpack(">I", read_exactly(fd, 4, deadline))
    if n > max_frame:
        raise FrameTooLarge(n, max_frame)
    return unpack(read_exactly(fd, n, deadline))
