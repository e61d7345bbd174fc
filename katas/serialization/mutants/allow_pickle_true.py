"""Loads with np.load(path, allow_pickle=True), so object arrays and pickles are unpickled (running their code)."""
import zipfile

import numpy as np


def save_params(params, path):
    """Write a dict of parameters to an .npz archive at exactly ``path``.

    params: dict mapping a name (non-empty str) to a float64 np.ndarray of any
    shape (including () and shapes with a 0). path: str or os.PathLike; the
    file is written there as given, no ".npz" suffix is added, and an
    existing file is replaced. Any name is stored as given, including names
    such as "file" or "allow_pickle".
    Raises ValueError, before writing anything, if a name is not a non-empty
    str or a value is not a float64 ndarray. Returns None; params is not modified.
    """
    if not isinstance(params, dict):
        raise ValueError(f"params must be a dict of name -> array, got {type(params).__name__}")
    for name, value in params.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"parameter names must be non-empty strings, got {name!r}")
        if not isinstance(value, np.ndarray) or value.dtype != np.float64:
            kind = (f"an array of dtype {value.dtype}" if isinstance(value, np.ndarray)
                    else f"a {type(value).__name__}, not an np.ndarray")
            raise ValueError(f"parameter {name!r} must be a float64 array, got {kind}")
    # np.savez(f, **params) would clash with its own arguments (a parameter named "file" or
    # "allow_pickle"), so write the members ourselves, as np.savez does.
    with zipfile.ZipFile(path, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, value in params.items():
            with archive.open(name + ".npy", mode="w", force_zip64=True) as member:
                np.lib.format.write_array(member, value, allow_pickle=False)


def load_params(path, expected=None):
    """Read a parameter file written by save_params.

    path: str or os.PathLike. expected: None, or a dict mapping each name the
    file must hold to its shape (a tuple of ints): the file must then hold
    exactly these names, each with this shape.
    Returns a new dict mapping each name to a float64 np.ndarray (read into
    memory; the file is closed on return).
    Raises FileNotFoundError if there is no file at path, and ValueError, with
    a message saying what is wrong, if the file is not an .npz archive (a
    .npy file, text, an empty or truncated file), holds a member that is not
    a .npy array, holds a pickled (object) array, holds an array whose dtype
    is not float64, or does not match ``expected`` (a missing name, an
    unexpected name, a wrong shape). Nothing is ever unpickled.
    """
    try:
        loaded = np.load(path, allow_pickle=True)
    except FileNotFoundError:
        raise
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{path} is not a readable .npz archive ({type(exc).__name__}: {exc})") from None
    if not isinstance(loaded, np.lib.npyio.NpzFile):
        raise ValueError(f"{path} is a single .npy array, not an .npz archive of named parameters")
    params = {}
    with loaded:
        for member in loaded.zip.namelist():
            if not member.endswith(".npy"):
                raise ValueError(f"{path} holds {member!r}, which is not a .npy array")
        for name in loaded.files:
            try:
                value = np.asarray(loaded[name])
            except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
                raise ValueError(f"parameter {name!r} in {path} cannot be read without unpickling "
                                 f"({type(exc).__name__}: {exc})") from None
            if value.dtype != np.float64:
                raise ValueError(f"parameter {name!r} in {path} has dtype {value.dtype}, expected float64")
            params[name] = value
    if expected is not None:
        missing = sorted(set(expected) - set(params))
        extra = sorted(set(params) - set(expected))
        if missing:
            raise ValueError(f"{path} lacks the parameter(s) {missing}")
        if extra:
            raise ValueError(f"{path} holds unexpected parameter(s) {extra}")
        for name, shape in expected.items():
            if params[name].shape != tuple(shape):
                raise ValueError(f"parameter {name!r} in {path} has shape {params[name].shape}, "
                                 f"expected {tuple(shape)}")
    return params
