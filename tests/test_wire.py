"""The wire format: what crosses the boundary comes back exactly, and nothing else is ever decoded."""
from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from graders.sandbox import wire


def roundtrip(value):
    buffers: list[bytes] = []
    message = wire.encode(value, buffers)
    decoded, views = wire.unpack(wire.pack(message, buffers)[4:])
    return wire.decode(decoded, views, lambda ref: ("handle", ref["$handle"]))


@pytest.mark.parametrize("value", [
    np.array(3.5), np.arange(6.0).reshape(2, 3), np.arange(4, dtype=np.int32), np.array([True, False]),
    np.zeros((0, 3)), np.arange(12.0).reshape(3, 4).T, np.float64(1.25), np.int64(7), 1 + 2j,
])
def test_arrays_and_scalars_keep_dtype_shape_and_values(value):
    back = roundtrip(value)
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.shape == value.shape and back.dtype == value.dtype and np.array_equal(back, value)
    else:
        assert back == value


def test_containers_keep_their_kind():
    value = {"a": (1, [2.0, None, "x"]), 3: {"b": np.ones(2)}}
    back = roundtrip(value)
    assert isinstance(back["a"], tuple) and isinstance(back["a"][1], list)
    assert np.array_equal(back[3]["b"], np.ones(2))


def test_objects_become_handles_in_the_worker_and_are_refused_without_one():
    class Thing:
        pass

    with pytest.raises(wire.WireError):
        wire.encode(Thing(), [])
    structured = np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")])
    for odd in (np.array([Thing()], dtype=object), np.arange(3.0).view(type("Sub", (np.ndarray,), {})), structured):
        seen = []
        wire.encode(odd, [], lambda v: seen.append(v) or {"$handle": 1})
        assert seen, f"{type(odd)} crossed as data"


def frame(header: dict, payload: bytes = b"") -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack(">I", len(raw)) + raw + payload


@pytest.mark.parametrize("body", [
    b"", b"\x00\x00", frame({"m": 1})[:-2],
    frame({"m": {"$nd": 0, "dtype": "|O", "shape": [1]}, "b": [8]}, b"\0" * 8),
    frame({"m": {"$nd": 0, "dtype": "<f8", "shape": [3]}, "b": [8]}, b"\0" * 8),
    frame({"m": {"$nd": 5, "dtype": "<f8", "shape": [1]}, "b": [8]}, b"\0" * 8),
    frame({"m": {"$pickle": "gASVAAAAAAAAAACMBXBvc2l4lC4="}, "b": []}),
    frame({"m": {"$np": "V8", "v": 1}, "b": []}),
    frame({"m": 1, "b": [4]}, b"\0" * 8),
])
def test_malformed_frames_are_refused(body):
    with pytest.raises(wire.WireError):
        message, views = wire.unpack(body)
        wire.decode(message, views, lambda ref: ref)
