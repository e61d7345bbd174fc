"""Public checks of the rope kata: frequencies, the rotation of each pair by hand, norms, relative positions, gradients."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, check_gradients, expect_tuple, fail, strategies as kst, within

from . import kata

BASES = st.sampled_from((10000.0, 100.0, 7.5))


@st.composite
def rope_cases(draw, min_lead=0, max_lead=2, max_t=4, max_d=8, max_position=60, kinds=("shared", "per_sequence")):
    """x (..., T, d) with 0..max_lead batch axes and d even, positions (T,) or one row per sequence, dout like x.

    ``shared`` positions are (T,); ``per_sequence`` positions have every batch axis but the last one of size 1 when
    there are two (like (N, 1, T) for x (N, H, T, d): the same positions for every head)."""
    lead = tuple(draw(kst.dims(1, 3)) for _ in range(draw(st.integers(min_lead, max_lead))))
    t, d = draw(kst.dims(1, max_t)), 2 * draw(kst.dims(1, max_d // 2))
    rng = kst.rng_from(draw(kst.seeds()))
    kind = draw(st.sampled_from(kinds)) if lead else "shared"
    shape = (t,) if kind == "shared" else lead[:1] + (1,) * (len(lead) - 1) + (t,)
    return {"x": rng.uniform(-1.5, 1.5, lead + (t, d)), "positions": rng.integers(0, max_position + 1, shape),
            "base": draw(BASES), "dout": rng.uniform(-1, 1, lead + (t, d))}


def describe(case):
    return (f"x {case['x'].shape}, positions {case['positions'].shape} "
            f"{np.array2string(case['positions'].ravel()[:6], separator=', ')}, base {case['base']:g}")


def forward(sub, x, positions, base):
    out, cache = expect_tuple(sub.rope_forward(x, positions, base), ["out", "cache"], call="rope_forward")
    return assert_array(out, name="rope_forward: out", shape=x.shape), cache



@kata.check(points=1)
@given(half=kst.dims(1, 6), base=BASES)
def frequencies_form_the_geometric_sequence(sub, ref, half, base):
    """rope_frequencies(d, base) has d/2 entries base ** (-2i/d), from 1 down"""
    d = 2 * half
    theta = assert_array(sub.rope_frequencies(d, base), name=f"rope_frequencies({d}, {base:g})", shape=(half,))
    by_hand = np.array([base ** (-2.0 * i / d) for i in range(half)])
    within(f"rope_frequencies({d}, base={base:g}): pair i turns at theta[i] = base ** (-2 i / d), so theta[0] = 1 "
           f"and each next pair is base ** (-2/d) = {base ** (-2.0 / d):.6g} times slower.",
           assert_close, theta, by_hand, name="theta", mistakes={
               "the exponent is -i/d: pair i uses 2i/d (the index of its first feature over d)":
                   lambda: base ** (-np.arange(half) / d),
               "the exponent has the wrong sign: the frequencies must shrink, base ** (-2i/d)":
                   lambda: base ** (2.0 * np.arange(half) / d),
               "the base argument is not used (10000 instead)": lambda: 10000.0 ** (-2.0 * np.arange(half) / d)})


@kata.check(points=1)
@given(case=rope_cases())
def position_zero_changes_nothing(sub, ref, case):
    """Every vector at position 0 comes out unchanged (it is rotated by the angle 0)"""
    positions = np.zeros_like(case["positions"])
    out, _ = forward(sub, case["x"], positions, case["base"])
    within(f"rope_forward with every position 0 on {describe({**case, 'positions': positions})}: cos 0 = 1 and "
           "sin 0 = 0, so out = x. Rotate by the positions you are given (not by 0..T-1).",
           assert_close, out, case["x"], name="out")


@kata.check(points=2)
@given(half=kst.dims(1, 4), pair=st.integers(0, 3), position=st.integers(1, 40), base=BASES)
def rotates_adjacent_pairs_counterclockwise(sub, ref, half, pair, position, base):
    """A unit vector on feature 2i or 2i+1 turns by p * theta_i in the plane of features (2i, 2i+1), counterclockwise"""
    d, i = 2 * half, min(pair, half - 1)
    angle = position * base ** (-2.0 * i / d)
    c, s = np.cos(angle), np.sin(angle)
    x = np.zeros((2, d))
    x[0, 2 * i], x[1, 2 * i + 1] = 1.0, 1.0
    out, _ = forward(sub, x, np.array([position, position]), base)
    expected, clockwise = unit_rotations(d, i, c, s), unit_rotations(d, i, c, -s)
    within(f"rope_forward on the unit vectors e_{2 * i} and e_{2 * i + 1} (d = {d}) at position p = {position}, "
           f"base {base:g}: pair {i} is features ({2 * i}, {2 * i + 1}) and turns by p * theta_{i} = {angle:.6g} rad, "
           f"so e_{2 * i} -> cos at {2 * i}, sin at {2 * i + 1}, and e_{2 * i + 1} -> -sin at {2 * i}, cos at "
           f"{2 * i + 1}; every other feature stays 0.",
           assert_close, out, expected, name="out", mistakes={
               "it turns clockwise: the first feature of a pair is x cos - y sin, the second x sin + y cos":
                   clockwise,
               "the pairs are features (i, i + d/2), the rotate-half layout: this kata pairs adjacent features "
               "(2i, 2i+1)": lambda: rotate_half(x, position, base),
               "both features of a pair must turn by the same angle: spread the d/2 angles over the d features with "
               "np.repeat (each twice in a row), not np.tile": lambda: tiled_angles(x, position, base)})


def rotate_half(x, position, base):
    """What the rotate-half layout (features i and i + d/2 paired) gives: a known mistake."""
    d = x.shape[-1]
    a = position * base ** (-2.0 * np.arange(d // 2) / d)
    first, second = x[..., : d // 2], x[..., d // 2:]
    return np.concatenate([first * np.cos(a) - second * np.sin(a), first * np.sin(a) + second * np.cos(a)], axis=-1)


def tiled_angles(x, position, base):
    """What np.tile instead of np.repeat of the angles gives: feature j turns by the angle of pair j mod d/2."""
    d = x.shape[-1]
    a = np.tile(position * base ** (-2.0 * np.arange(d // 2) / d), 2)
    partner = np.empty_like(x)
    partner[..., 0::2], partner[..., 1::2] = -x[..., 1::2], x[..., 0::2]
    return x * np.cos(a) + partner * np.sin(a)


def unit_rotations(d, i, c, s):
    """Rows e_{2i} -> (c, s) and e_{2i+1} -> (-s, c) in the plane of features (2i, 2i+1)."""
    out = np.zeros((2, d))
    out[0, 2 * i], out[0, 2 * i + 1] = c, s
    out[1, 2 * i], out[1, 2 * i + 1] = -s, c
    return out


@kata.check(points=1)
@given(case=rope_cases())
def each_pair_keeps_its_length(sub, ref, case):
    """A rotation keeps the length of every pair (x[2i], x[2i+1]), whatever the position"""
    x = case["x"]
    out, _ = forward(sub, x, case["positions"], case["base"])
    pair_norms = np.hypot(x[..., 0::2], x[..., 1::2])
    within(f"rope_forward on {describe(case)}: each pair (features 2i, 2i+1) is rotated, so its length "
           "sqrt(x[2i]^2 + x[2i+1]^2) is unchanged (pairs are adjacent features, not i and i + d/2).",
           assert_close, np.hypot(out[..., 0::2], out[..., 1::2]), pair_norms,
           name="length of each pair of out")


@kata.check(points=2)
@given(case=rope_cases(max_lead=0, max_position=500), shift=st.integers(-30, 300), seed=kst.seeds())
def scores_depend_on_relative_position_only(sub, ref, case, shift, seed):
    """rope(q, m) . rope(k, n) depends only on m - n: shifting every position by s leaves the scores unchanged"""
    q, base = case["x"], case["base"]
    rng = kst.rng_from(seed)
    k = rng.uniform(-1.5, 1.5, q.shape)
    m, n = case["positions"], rng.integers(0, 501, size=q.shape[0])
    shift = max(shift, -int(min(m.min(), n.min())))
    scores = forward(sub, q, m, base)[0] @ forward(sub, k, n, base)[0].T
    shifted = forward(sub, q, m + shift, base)[0] @ forward(sub, k, n + shift, base)[0].T
    drift = np.abs(np.asarray(shifted, dtype=float) - np.asarray(scores, dtype=float)).max(initial=0.0)
    small = 0 < drift < 1e-4 * max(1.0, float(np.abs(scores).max(initial=0.0)))
    within(f"q and k of shape {q.shape}, base {base:g}, query positions m = {m.tolist()}, key positions "
           f"n = {n.tolist()}, then both shifted by {shift}: rope_forward(q, m) @ rope_forward(k, n).T must not "
           "change, since rotating both vectors of a pair by the same extra angle keeps their dot product."
           + (" The scores moved only a little: the angles lost digits; compute position * theta, cos and sin in "
              "float64, not float32." if small else ""),
           assert_close, shifted, scores, name="scores after the shift", rtol=1e-6, atol=1e-9)


@kata.check(points=1)
@given(case=rope_cases(min_lead=1, kinds=("per_sequence",)))
def per_sequence_positions_act_on_their_own_sequence(sub, ref, case):
    """positions of shape (N, 1.., T) give sequence n the rotation of its own positions[n]"""
    x, positions, base = case["x"], case["positions"], case["base"]
    out, _ = forward(sub, x, positions, base)
    for n in range(x.shape[0]):
        alone, _ = forward(sub, x[n], positions[n], base)
        within(f"rope_forward on {describe(case)}, compared with rope_forward(x[{n}], positions[{n}]): positions "
               "broadcast against x.shape[:-1], so sequence n uses its own row of positions.",
               assert_close, out[n], alone, name=f"out[{n}]")


@kata.check(points=3, max_examples=6)
@given(case=rope_cases(max_t=3, max_d=6))
def backward_matches_numerical_gradient_of_your_forward(sub, ref, case):
    """rope_backward agrees with the numerical gradient of your rope_forward"""
    x, positions, base, dout = case["x"], case["positions"], case["base"], case["dout"]
    _, cache = forward(sub, x, positions, base)
    dx = assert_array(sub.rope_backward(dout, cache), name="rope_backward: dx", shape=x.shape)
    turned_forward, _ = forward(sub, dout, positions, base)
    if np.any(positions != 0) and np.allclose(dx, turned_forward, rtol=1e-6, atol=1e-9):
        fail(f"On {describe(case)}: rope_backward returns dout rotated forward, by +angle, like rope_forward does. "
             "The gradient goes through the transpose of each rotation, which turns by -angle: rotate dout back.")
    within(f"On {describe(case)}:", check_gradients, lambda x: forward(sub, x, positions, base)[0], [x], [dx], dout,
           names=["dx"], max_elementwise=12)
