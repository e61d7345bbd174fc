"""Hidden checks for the positional_encoding kata: agreement with the reference, odd d included."""
from hypothesis import given, strategies as st

from graders import assert_close, strategies as kst

from . import kata

bases = st.sampled_from([10000.0, 100.0, 10.0])


@kata.check(points=2, hidden=True, max_examples=20)
@given(T=kst.dims(1, 40), d=kst.dims(1, 17), base=bases)
def encoding_matches_reference(sub, ref, T, d, base):
    """sinusoidal_encoding agrees with the reference for even and odd d and several bases"""
    assert_close(sub.sinusoidal_encoding(T, d, base=base), ref.sinusoidal_encoding(T, d, base=base),
                 name=f"sinusoidal_encoding({T}, {d}, base={base})")


@kata.check(points=1, hidden=True)
@given(seed=kst.seeds(), shape=kst.shapes(2, 1, 4), d=kst.dims(1, 9), base=bases)
def encode_positions_matches_reference(sub, ref, seed, shape, d, base):
    """encode_positions agrees with the reference on arrays of positions up to 5000"""
    positions = kst.rng_from(seed).integers(0, 5000, size=shape)
    assert_close(sub.encode_positions(positions, d, base=base), ref.encode_positions(positions, d, base=base),
                 name=f"encode_positions(positions, {d}, base={base}) with positions {positions.tolist()}")


@kata.check(points=1, hidden=True)
@given(n=kst.dims(1, 3), T=kst.dims(1, 8), d=kst.dims(1, 9), seed=kst.seeds(), base=bases)
def add_matches_reference(sub, ref, n, T, d, seed, base):
    """add_positional_encoding agrees with the reference"""
    x = kst.rng_from(seed).normal(size=(n, T, d))
    assert_close(sub.add_positional_encoding(x, base=base), ref.add_positional_encoding(x, base=base),
                 name=f"add_positional_encoding(x, base={base}) with x of shape {x.shape}")
