"""Public checks for the positional_encoding kata: values by hand and properties of the encoding."""
import math

import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, fail, strategies as kst

from . import kata


def worked_rows(t):
    """README's table: d = 4, base = 10000, so the two frequencies are 1 and 1/100."""
    return [math.sin(t), math.cos(t), math.sin(t / 100), math.cos(t / 100)]


def statement_table(T, d):
    """The README's formula written out, shape (T, d): column j is sin (even j) or cos (odd j) of
    t / 10000 ** (2 (j // 2) / d).

    Public checks compare with this, never with the learner's own sinusoidal_encoding, so that a wrong table does
    not make a correct encode_positions or add_positional_encoding fail.
    """
    j = np.arange(d)
    angles = np.arange(T, dtype=float)[:, None] / 10000.0 ** (2 * (j // 2) / d)
    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))


@kata.check(points=1)
@given(T=kst.dims(1, 12), d=kst.dims(1, 12))
def shape_and_position_zero(sub, ref, T, d):
    """sinusoidal_encoding(T, d) has shape (T, d); at position 0 the sin columns are 0 and the cos columns 1"""
    pe = assert_array(sub.sinusoidal_encoding(T, d), name=f"sinusoidal_encoding({T}, {d})", shape=(T, d))
    row0 = np.where(np.arange(d) % 2 == 0, 0.0, 1.0)
    if d >= 2 and np.allclose(pe[0], 1.0 - row0):
        fail(f"sinusoidal_encoding({T}, {d})[0] is {pe[0].tolist()}: sin and cos are swapped. Even columns "
             "(0, 2, 4, ...) hold sin, odd columns hold cos, so position 0 encodes as [0, 1, 0, 1, ...].")
    assert_close(pe[0], row0, name=f"sinusoidal_encoding({T}, {d})[0], the encoding of position 0 ([0, 1, 0, 1, ...])")


@kata.check(points=2)
@given(case=st.just(None))
def worked_examples_match_the_readme(sub, ref, case):
    """The README's tables: d = 4 (frequencies 1 and 1/100), an odd d = 5, and base = 100"""
    pe = sub.sinusoidal_encoding(3, 4)
    expected = np.array([worked_rows(t) for t in range(3)])
    got = assert_array(pe, name="sinusoidal_encoding(3, 4)", shape=(3, 4))
    if np.allclose(got, expected[:, [0, 2, 1, 3]]):
        fail("sinusoidal_encoding(3, 4) puts all the sines first and then all the cosines; this kata interleaves them: "
             "column 2i is sin and column 2i + 1 is cos of the same angle.")
    assert_close(got, expected, name="sinusoidal_encoding(3, 4) (columns: sin(t), cos(t), sin(t/100), cos(t/100))")
    t = np.arange(3.0)
    slow = 10000.0 ** (-4.0 / 5.0)  # columns 4 (and 5, if there were one): exponent 2 * 2 / d with d = 5
    expected5 = np.stack([np.sin(t), np.cos(t), np.sin(t * 10000.0 ** -0.4), np.cos(t * 10000.0 ** -0.4),
                          np.sin(t * slow)], axis=1)
    assert_close(sub.sinusoidal_encoding(3, 5), expected5,
                 name="sinusoidal_encoding(3, 5) (odd d: the last column is sin(t / 10000 ** (4 / 5)), with d = 5 "
                      "in the exponent)")
    assert_close(sub.sinusoidal_encoding(3, 2, base=100.0), np.stack([np.sin(t), np.cos(t)], axis=1),
                 name="sinusoidal_encoding(3, 2, base=100.0) (the first pair always has frequency 1)")
    assert_close(sub.sinusoidal_encoding(2, 4, base=100.0)[1], np.array([math.sin(1), math.cos(1), math.sin(0.1),
                                                                           math.cos(0.1)]),
                 name="sinusoidal_encoding(2, 4, base=100.0)[1] (base ** (2/4) = 10)")


@kata.check(points=1)
@given(pairs=kst.dims(1, 8), seed=kst.seeds(), base=st.sampled_from([10000.0, 100.0]))
def dot_products_depend_only_on_the_offset(sub, ref, pairs, seed, base):
    """For even d, PE[t] . PE[t + k] depends only on the offset k, not on t"""
    d = 2 * pairs
    rng = kst.rng_from(seed)
    t = rng.integers(0, 200, size=4)
    k = int(rng.integers(1, 50))
    call = f"encode_positions(positions, {d}, base={base})"
    here = assert_array(sub.encode_positions(t, d, base=base), name=f"{call} with positions {t.tolist()}", shape=(4, d))
    there = assert_array(sub.encode_positions(t + k, d, base=base), name=f"{call} with positions {(t + k).tolist()}",
                         shape=(4, d))
    dots = np.sum(here * there, axis=1)
    assert_close(dots, np.full(4, dots[0]),
                 name=f"PE[t] . PE[t + {k}] for t = {t.tolist()} (sin(a) sin(b) + cos(a) cos(b) = cos(a - b) for each "
                      "pair: it should be the same for every t)")


@kata.check(points=1)
@given(T=kst.dims(1, 20), d=kst.dims(1, 10), seed=kst.seeds())
def encode_positions_agrees_with_the_table(sub, ref, T, d, seed):
    """encode_positions gives the README's encoding for any array of positions, with an extra last axis"""
    table = statement_table(T, d)
    assert_close(sub.encode_positions(np.arange(T), d), table,
                 name=f"encode_positions(np.arange({T}), {d}) (the README's formula for positions 0 .. {T - 1})")
    positions = kst.rng_from(seed).integers(0, T, size=(2, 3))
    assert_close(sub.encode_positions(positions, d), table[positions],
                 name=f"encode_positions(positions, {d}) for positions {positions.tolist()} of shape (2, 3) "
                      f"(expected shape (2, 3, {d}): the README's encoding of each position)")


@kata.check(points=1)
@given(n=kst.dims(1, 3), T=kst.dims(1, 6), d=kst.dims(1, 6), seed=kst.seeds())
def add_puts_the_same_table_on_every_sequence(sub, ref, n, T, d, seed):
    """add_positional_encoding(x) is x plus the README's (T, d) table, for every sequence of the batch"""
    x = kst.rng_from(seed).normal(size=(n, T, d))
    out = assert_array(sub.add_positional_encoding(x), name=f"add_positional_encoding(x) with x of shape {x.shape}",
                       shape=(n, T, d))
    assert_close(out - x, np.broadcast_to(statement_table(T, d), (n, T, d)),
                 name=f"add_positional_encoding(x) - x with x of shape {x.shape} (batch first: (N, T, d); position "
                      "t of every sequence gets row t of the table)")
