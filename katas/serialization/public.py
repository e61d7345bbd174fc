"""Public checks for serialization: exact round trips, exact paths, and every malformed file rejected."""
import io
import os
import re
import zipfile

import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, fail, scratch_files, strategies as kst

from . import kata

NAMES = ("w", "b", "fc1.weight", "fc1.bias", "conv0.kernel", "gamma", "beta", "running_var", "embedding")
# Names as real models spell them: dots, digits, underscores, any final letter (n, p, y too), and np.savez's own
# argument names, which a parameter may have as well.
REAL_NAMES = ("transformer.h.0.attn.c_attn.weight", "layers.10.mlp", "encoder.ffn", "bn1.running_var", "attn",
              "lm_head.weight", "file", "allow_pickle")
SPECIALS = (np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308)


@st.composite
def param_dicts(draw, names=NAMES):
    """1 to 4 named float64 arrays of 1 to 3 axes (some of length 0), with NaN, inf, -0.0, subnormals..."""
    keys = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    rng = kst.rng_from(draw(kst.seeds()))
    params = {}
    for key in keys:
        # 1 to 3 axes: the grading wire does not yet keep 0-d arrays 0-d (they arrive with shape (1,))
        shape = tuple(draw(st.lists(st.integers(0, 4), min_size=1, max_size=3)))
        value = np.array(rng.standard_normal(shape) * 10.0 ** rng.integers(-5, 6), dtype=np.float64)
        if value.size:
            value.flat[rng.integers(value.size)] = SPECIALS[rng.integers(len(SPECIALS))]
        params[key] = value
    return params


def path_in_scratch(sub, name):
    """A fresh path (as a str) in the submission's scratch folder, where its code may read and write."""
    return scratch_files(sub).path(name)


def saved_file(sub, name, call):
    """What the submission wrote at ``name`` in its scratch folder, as a file object (never opened by path)."""
    try:
        return io.BytesIO(scratch_files(sub).read(name))
    except FileNotFoundError:
        fail(f"{call} did not create the file {name}.")
    except OSError as exc:
        fail(f"{call} left something at the path that is not a plain file ({exc}).")


def file_from(save, params, sub, name):
    """Write the file ``save(params, file)`` produces (the reference's save_params) at ``name``; return its path."""
    buffer = io.BytesIO()
    save(params, buffer)
    return scratch_files(sub).write(name, buffer.getvalue())


def describe_params(params):
    return "{" + ", ".join(f"{k!r}: array of shape {v.shape}" for k, v in params.items()) + "}"


def check_same_params(got, want, what):
    """got must be a dict with exactly want's names, each an identical float64 array (bit for bit)."""
    if type(got) is not dict:
        fail(f"{what}: expected a dict mapping names to arrays, got {got!r}. np.load returns a lazy NpzFile "
             "that keeps the file open: copy its arrays into a new dict inside a `with` block and return that.")
    if set(got) != set(want):
        fail(f"{what}: expected the names {sorted(want)}, got {sorted(map(str, got))}.")
    for name, value in want.items():
        arr = assert_array(got[name], name=f"{what}[{name!r}]", shape=value.shape, finite=False)
        if arr.tobytes() != value.tobytes():
            bad = np.flatnonzero(arr.reshape(-1).view(np.int64) != value.reshape(-1).view(np.int64))[0]
            fail(f"{what}[{name!r}] is not bit-for-bit the saved array: at flat index {bad} expected "
                 f"{value.reshape(-1)[bad]!r}, got {arr.reshape(-1)[bad]!r}. A round trip must be exact "
                 "(no conversion, no rounding, NaN/inf/-0.0 kept).")


def raised(call):
    """Run call(); return (exception type name, message) if the submission raised, None if it returned."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:  # the submission's exception arrives with its type named in the message
        text = str(exc)
        found = re.search(r" raised ([A-Za-z_][\w.]*): ?([^\n]*)", text)
        if found:
            return found.group(1), found.group(2).strip()
        return type(exc).__name__, text.strip()
    return None


def expect_raises(call, kind, call_text, situation):
    got = raised(call)
    if got is None:
        fail(f"{call_text} returned normally {situation}; it should raise {kind} with a message saying what is "
             "wrong.")
    name, message = got
    if name != kind:
        fail(f"{call_text} raised {name} ({message}) {situation}; it should raise {kind} itself (catch the "
             f"error and raise {kind}(...) with a message saying what is wrong).")
    if not message:
        fail(f"{call_text} raised {kind} without a message {situation}: say what is wrong with the file.")


class _MakeDir:
    """Unpickling this runs os.mkdir(path): the proof that a loader ran a pickle."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def object_member_archive(marker):
    """An .npz whose member 'w' is an object array: loading it with allow_pickle=True runs os.mkdir(marker)."""
    arr = np.empty(2, dtype=object)
    arr[0], arr[1] = _MakeDir(marker), 1.0
    buffer = io.BytesIO()
    np.savez(buffer, w=arr)
    return buffer.getvalue()


def pickle_file(marker):
    """A plain pickle (as np.save writes for allow_pickle=True), running os.mkdir(marker) when unpickled."""
    import pickle
    return pickle.dumps({"w": _MakeDir(marker)}, protocol=2)


def npy_bytes(arr):
    buffer = io.BytesIO()
    np.save(buffer, arr, allow_pickle=False)
    return buffer.getvalue()


def npz_bytes(**arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


@kata.check(points=3, max_examples=8)
@given(params=param_dicts())
def round_trip_is_exact(sub, ref, params):
    """load_params(path) returns exactly what save_params(params, path) saved: names, shapes, float64 bits"""
    path = path_in_scratch(sub, "params.npz")
    sub.save_params(params, path)
    got = sub.load_params(path)
    check_same_params(got, params, f"load_params after save_params({describe_params(params)}, path)")


@kata.check(points=1)
def file_is_written_at_exactly_the_path(sub, ref):
    """save_params writes to the path it is given, without adding a .npz suffix"""
    params = {"w": np.arange(6.0).reshape(2, 3), "b": np.array([0.5, -1.5, 2.0])}
    path = path_in_scratch(sub, "model.weights")
    path_in_scratch(sub, "model.weights.npz")
    sub.save_params(params, path)
    if not scratch_files(sub).is_file("model.weights"):
        also = " It wrote model.weights.npz instead: np.savez adds .npz to a file name that lacks it; " \
               "open the file yourself (open(path, 'wb')) and pass the file object." \
            if scratch_files(sub).is_file("model.weights.npz") else ""
        fail(f"save_params(params, '.../model.weights') did not create the file model.weights.{also}")
    check_same_params(sub.load_params(path), params, "load_params('.../model.weights')")


@kata.check(points=1)
def names_as_real_models_spell_them_round_trip(sub, ref):
    """names with dots, digits and any final letter, and the names 'file' and 'allow_pickle', round trip exactly"""
    rng = np.random.default_rng(0)
    params = {name: rng.standard_normal((i % 3 + 1, 2)) for i, name in enumerate(REAL_NAMES)}
    path = path_in_scratch(sub, "model.npz")
    sub.save_params(params, path)
    check_same_params(sub.load_params(path), params,
                      f"load_params after save_params of parameters named {list(REAL_NAMES)} (a name is stored as "
                      "given, dots and all; take it from the member name by removing exactly the final '.npy', "
                      "and np.savez(f, **params) cannot store 'file' or 'allow_pickle', its own arguments)")
    path = path_in_scratch(sub, "empty.npz")
    sub.save_params({}, path)
    check_same_params(sub.load_params(path), {}, "load_params after save_params({}, path) (an archive with no member)")


@kata.check(points=1)
def missing_file_raises_file_not_found(sub, ref):
    """load_params raises FileNotFoundError when there is no file at the path"""
    path = path_in_scratch(sub, "no_such_file.npz")
    expect_raises(lambda: sub.load_params(path), "FileNotFoundError", "load_params('.../no_such_file.npz')",
                  "for a path where there is no file")


@kata.check(points=2)
def malformed_files_raise_value_error(sub, ref):
    """load_params raises ValueError for text, empty, truncated, .npy, non-array and integer files"""
    archive = npz_bytes(w=np.ones((3, 4)), b=np.zeros(4))
    stray = io.BytesIO()
    with zipfile.ZipFile(stray, "w") as z:
        z.writestr("w.npy", npy_bytes(np.ones(2)))
        z.writestr("notes.txt", "trained for 3 epochs")
    cases = [
        ("text.npz", b"w = [1.0, 2.0]\n", "a text file"),
        ("empty.npz", b"", "an empty file"),
        ("truncated.npz", archive[: len(archive) // 2], "an .npz archive cut in half"),
        ("single.npy", npy_bytes(np.ones(3)), "a .npy file (one array, not an .npz archive)"),
        ("stray.npz", stray.getvalue(), "an archive holding notes.txt besides w.npy"),
        ("ints.npz", npz_bytes(w=np.arange(3)), "an archive whose array is int64, not float64"),
    ]
    for name, content, what in cases:
        path = scratch_files(sub).write(name, content)
        expect_raises(lambda: sub.load_params(path), "ValueError", f"load_params('.../{name}')", f"for {what}")


@kata.check(points=2)
def pickles_are_never_loaded(sub, ref):
    """load_params rejects object arrays and pickles with ValueError, without ever unpickling them"""
    for name, make, what in [
        ("object_member.npz", object_member_archive, "an .npz whose array 'w' has dtype object (a pickle)"),
        ("pickled.npz", pickle_file, "a pickle file"),
    ]:
        marker = path_in_scratch(sub, f"unpickled_{name}")
        path = scratch_files(sub).write(name, make(marker))
        outcome = raised(lambda: sub.load_params(path))
        if scratch_files(sub).exists(f"unpickled_{name}"):
            fail(f"load_params('.../{name}') ran the pickle inside {what}: that pickle created a folder, and "
                 "could as well have run any code. Load with np.load(path, allow_pickle=False), so that "
                 "pickled data raises instead of being executed.")
        if outcome is None or outcome[0] != "ValueError":
            expect_raises(lambda: sub.load_params(path), "ValueError", f"load_params('.../{name}')", f"for {what}")


@kata.check(points=2)
def expected_schema_is_enforced(sub, ref):
    """load_params(path, expected) accepts the exact names and shapes and raises ValueError otherwise"""
    params = {"w": np.arange(6.0).reshape(2, 3), "b": np.array([1.0, 2.0, 3.0])}
    path = path_in_scratch(sub, "schema.npz")
    sub.save_params(params, path)
    good = {"w": (2, 3), "b": (3,)}
    check_same_params(sub.load_params(path, good), params, f"load_params(path, expected={good})")
    for expected, what in [
        ({"w": (2, 3), "b": (3,), "gamma": (3,)}, "when expected names 'gamma', which the file lacks"),
        ({"w": (2, 3)}, "when the file holds 'b', which expected does not name"),
        ({"w": (3, 2), "b": (3,)}, "when 'w' has shape (2, 3) but expected says (3, 2)"),
        ({"w": (6,), "b": (3,)}, "when 'w' has shape (2, 3) but expected says (6,) (same size, other shape)"),
    ]:
        expect_raises(lambda: sub.load_params(path, expected), "ValueError",
                      f"load_params(path, expected={expected})", what)


@kata.check(points=1)
def save_rejects_what_is_not_float64(sub, ref):
    """save_params raises ValueError for a value that is not a float64 array, or an empty name"""
    path = path_in_scratch(sub, "rejected.npz")
    for params, what in [
        ({"w": np.arange(3)}, "an int64 array"),
        ({"w": np.ones(3, dtype=np.float32)}, "a float32 array"),
        ({"w": [1.0, 2.0]}, "a list, not an array"),
        ({"": np.ones(2)}, "an empty name"),
    ]:
        expect_raises(lambda: sub.save_params(params, path), "ValueError", f"save_params({params!r}, path)",
                      f"for {what}")
