"""Hidden checks for serialization: the file format, compatibility with the reference, tricky names and files."""
import zipfile

import numpy as np
from hypothesis import given, strategies as st

from graders import fail, scratch_files, strategies as kst

from . import kata
from .public import (check_same_params, describe_params, expect_raises, file_from, npy_bytes, npz_bytes,
                     object_member_archive, param_dicts, path_in_scratch, pickle_file, raised, saved_file)


@kata.check(points=1, hidden=True, max_examples=5)
@given(params=param_dicts())
def file_is_a_standard_npz(sub, ref, params):
    """save_params writes a standard .npz that np.load(..., allow_pickle=False) reads back exactly"""
    path = path_in_scratch(sub, "standard.npz")
    sub.save_params(params, path)
    written = saved_file(sub, "standard.npz", f"save_params({describe_params(params)}, path)")
    if not zipfile.is_zipfile(written):
        fail(f"save_params({describe_params(params)}, path) did not write a zip archive (an .npz file is a zip "
             "of .npy members).")
    try:
        with np.load(written, allow_pickle=False) as data:
            got = {name: data[name] for name in data.files}
    except Exception as exc:  # noqa: BLE001 - any failure to read is the verdict
        fail(f"np.load(path, allow_pickle=False) cannot read the file save_params wrote: {type(exc).__name__}: "
             f"{exc}. Write the arrays without pickles, one member <name>.npy each.")
    check_same_params(got, params, "np.load of the file save_params wrote")


@kata.check(points=2, hidden=True, max_examples=10)
@given(params=param_dicts())
def files_are_compatible_with_the_reference(sub, ref, params):
    """files from save_params load exactly with the reference loader, and reference files with load_params"""
    path = path_in_scratch(sub, "from_student.npz")
    sub.save_params(params, path)
    written = saved_file(sub, "from_student.npz", f"save_params({describe_params(params)}, path)")
    check_same_params(ref.load_params(written), params, "the reference load_params of your file")
    path = file_from(ref.save_params, params, sub, "from_reference.npz")
    check_same_params(sub.load_params(path), params, "load_params of a file written by the reference")


@kata.check(points=1, hidden=True)
def names_that_clash_with_savez_arguments_round_trip(sub, ref):
    """parameters named 'file' or 'allow_pickle', or with dots, digits and any final letter, round trip"""
    params = {"file": np.array([1.0, 2.0]), "allow_pickle": np.array([3.5]), "args": np.zeros((2, 0)),
              "kwds": np.ones((1, 2)), "blocks.3.attn": np.array([-0.0, 7.0]), "blocks.3.mlp": np.array([2.0]),
              "rnn.weight_hh_l0": np.ones((2, 2)), "norm.y": np.array([4.0])}
    path = path_in_scratch(sub, "clash.npz")
    sub.save_params(params, path)
    check_same_params(ref.load_params(saved_file(sub, "clash.npz", f"save_params({describe_params(params)}, path)")),
                      params,
                      f"the reference load_params of your file for {describe_params(params)} (np.savez(f, "
                      "**params) cannot store 'file' or 'allow_pickle': they are np.savez's own arguments)")
    check_same_params(sub.load_params(path), params, f"load_params after save_params({describe_params(params)})")


@st.composite
def bad_files(draw):
    """(content, description): a truncated archive, random bytes, a wrong dtype, an object array or a pickle."""
    rng = kst.rng_from(draw(kst.seeds()))
    archive = npz_bytes(w=rng.standard_normal((3, 4)), b=rng.standard_normal(4))
    kind = draw(st.sampled_from(["truncated", "garbage", "dtype", "object", "pickle", "npy"]))
    if kind == "truncated":
        cut = draw(st.integers(0, len(archive) - 1))
        return kind, archive[:cut], f"an .npz archive cut after {cut} of its {len(archive)} bytes"
    if kind == "garbage":
        return kind, rng.integers(0, 256, size=draw(st.integers(1, 64)), dtype=np.uint8).tobytes(), "random bytes"
    if kind == "dtype":
        dtype = draw(st.sampled_from([np.float32, np.int64, np.bool_, np.complex128, np.float16]))
        content = npz_bytes(w=rng.standard_normal(3), b=rng.standard_normal(2).astype(dtype))
        return kind, content, f"an archive whose 'b' has dtype {np.dtype(dtype).name}"
    if kind == "npy":
        return kind, npy_bytes(rng.standard_normal((2, 2))), "a .npy file"
    return kind, None, {"object": "an archive holding an object array", "pickle": "a pickle file"}[kind]


@kata.check(points=1, hidden=True, max_examples=15)
@given(bad=bad_files())
def bad_and_unsafe_files_are_rejected(sub, ref, bad):
    """truncated, random, wrong-dtype, object-array and pickle files all raise ValueError, unpickled never"""
    kind, content, what = bad
    marker = path_in_scratch(sub, "unpickled_hidden")
    if content is None:
        content = object_member_archive(marker) if kind == "object" else pickle_file(marker)
    path = scratch_files(sub).write("bad.npz", content)
    outcome = raised(lambda: sub.load_params(path))
    if scratch_files(sub).exists("unpickled_hidden"):
        fail(f"load_params ran the pickle inside {what}: never unpickle a parameter file "
             "(np.load(path, allow_pickle=False)).")
    if outcome is None or outcome[0] != "ValueError":
        expect_raises(lambda: sub.load_params(path), "ValueError", "load_params(path)", f"for {what}")


@st.composite
def schemas(draw):
    """A parameter dict and an `expected` that matches it or differs by one name or one shape."""
    params = draw(param_dicts())
    expected = {k: v.shape for k, v in params.items()}
    change = draw(st.sampled_from(["none", "missing", "extra", "shape"]))
    key = draw(st.sampled_from(sorted(params)))
    if change == "missing":
        expected["extra_" + key] = (2,)
    elif change == "extra" and len(expected) > 1:
        del expected[key]
    elif change == "shape":
        expected[key] = tuple(expected[key]) + (1,)
    return params, expected


@kata.check(points=1, hidden=True, max_examples=10)
@given(case=schemas())
def expected_schema_matches_the_reference(sub, ref, case):
    """load_params(path, expected) accepts and rejects the same schemas as the reference"""
    params, expected = case
    path = file_from(ref.save_params, params, sub, "schema_hidden.npz")
    try:
        ref.load_params(saved_file(sub, "schema_hidden.npz", "writing the file"), expected)
        should_raise = False
    except ValueError:
        should_raise = True
    call = f"load_params(path, expected={expected}) for a file holding {describe_params(params)}"
    if should_raise:
        expect_raises(lambda: sub.load_params(path, expected), "ValueError", call, "")
    else:
        outcome = raised(lambda: sub.load_params(path, expected))
        if outcome is not None:
            fail(f"{call} raised {outcome[0]} ({outcome[1]}), but the file matches expected exactly.")
        check_same_params(sub.load_params(path, expected), params, call)
