"""Hypothesis strategies for the shapes and arrays katas share.

Arrays are drawn from a seeded NumPy generator rather than element by element:
generation is fast, values are well-conditioned, and a failing example
shrinks to small dimensions and seed 0, which prints compactly.

The fastest pattern inside ``@st.composite``: draw the sizes and one seed,
then build every array of the case with ``uniform(rng, shape, ...)`` from
``rng_from(seed)``. Strategy constructors here are cached, so calling them
inside a composite costs nothing after the first time.
"""
from __future__ import annotations

import functools
from typing import Sequence

import numpy as np
from hypothesis import strategies as st

ShapeLike = Sequence[int] | st.SearchStrategy


@functools.lru_cache(maxsize=None)
def seeds() -> st.SearchStrategy[int]:
    """Seeds for ``np.random.default_rng``."""
    return st.integers(min_value=0, max_value=2**32 - 1)


@functools.lru_cache(maxsize=None)
def dims(min_value: int = 1, max_value: int = 4) -> st.SearchStrategy[int]:
    """One dimension size."""
    return st.integers(min_value=min_value, max_value=max_value)


@functools.lru_cache(maxsize=None)
def shapes(ndim: int, min_side: int = 1, max_side: int = 4) -> st.SearchStrategy[tuple[int, ...]]:
    """Shapes with ``ndim`` axes."""
    return st.tuples(*[dims(min_side, max_side) for _ in range(ndim)])


def uniform(
    rng: np.random.Generator, shape: tuple[int, ...], low: float = -1.0, high: float = 1.0, min_abs: float = 0.0
) -> np.ndarray:
    """float64 values uniform in ``[low, high]``; with ``min_abs > 0``, magnitudes in ``[min_abs, max(|low|, |high|)]``
    (random signs unless ``low >= 0``), to keep inputs away from kinks at zero."""
    if min_abs > 0:
        magnitude = rng.uniform(min_abs, max(abs(low), abs(high)), size=shape)
        sign = np.where(rng.random(size=shape) < 0.5, -1.0, 1.0)
        if low >= 0:
            sign = np.ones(shape)
        return sign * magnitude
    return rng.uniform(low, high, size=shape)


def arrays(
    shape: ShapeLike, low: float = -1.0, high: float = 1.0, *, min_abs: float = 0.0
) -> st.SearchStrategy[np.ndarray]:
    """float64 arrays of ``shape`` (a tuple or a strategy of tuples), uniform in ``[low, high]``.

    ``min_abs > 0`` keeps every value at least that far from zero, for inputs
    that must stay away from kinks (ReLU, max, abs) during gradient checks.
    """
    return _arrays(shape if isinstance(shape, st.SearchStrategy) else tuple(shape), low, high, min_abs)


@functools.lru_cache(maxsize=None)
def _arrays(shape: tuple | st.SearchStrategy, low: float, high: float, min_abs: float) -> st.SearchStrategy[np.ndarray]:
    shape_st = shape if isinstance(shape, st.SearchStrategy) else st.just(shape)
    return st.builds(lambda s, seed: uniform(np.random.default_rng(seed), tuple(s), low, high, min_abs), shape_st, seeds())


def normal_arrays(shape: ShapeLike, scale: float = 1.0) -> st.SearchStrategy[np.ndarray]:
    """float64 arrays of ``shape`` drawn from N(0, scale^2)."""
    return _normal_arrays(shape if isinstance(shape, st.SearchStrategy) else tuple(shape), scale)


@functools.lru_cache(maxsize=None)
def _normal_arrays(shape: tuple | st.SearchStrategy, scale: float) -> st.SearchStrategy[np.ndarray]:
    shape_st = shape if isinstance(shape, st.SearchStrategy) else st.just(shape)
    return st.builds(lambda s, seed: scale * np.random.default_rng(seed).standard_normal(tuple(s)), shape_st, seeds())


@functools.lru_cache(maxsize=None)
def labels(n: int, num_classes: int) -> st.SearchStrategy[np.ndarray]:
    """Integer class labels, shape ``(n,)``, values in ``[0, num_classes)``."""
    return st.builds(lambda seed: np.random.default_rng(seed).integers(0, num_classes, size=n), seeds())


def rng_from(seed: int) -> np.random.Generator:
    """The generator a check should use for anything random derived from a drawn seed."""
    return np.random.default_rng(seed)
