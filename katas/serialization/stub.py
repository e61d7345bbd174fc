"""Saving and loading model parameters as .npz archives.

A parameter file is a standard NumPy .npz archive (a zip file) holding one
member ``<name>.npy`` per parameter, each a float64 array, written without
pickles, so ``np.load(path, allow_pickle=False)`` reads it. Loading never
unpickles anything and rejects any file that is not such an archive.
"""
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
    raise NotImplementedError


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
    raise NotImplementedError
