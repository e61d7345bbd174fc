"""Public checks for the lr_schedules kata: edge values by hand, vectorisation and monotonicity."""

import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_scalar, fail, strategies as kst, within

from . import kata

# (function, step, keyword arguments, expected value, what the point is), all worked out by hand.
STEP = {"lr0": 0.1, "drop": 0.5, "step_size": 10}
EXPO = {"lr0": 0.1, "gamma": 0.9}
COS = {"lr0": 0.1, "total_steps": 100, "lr_min": 0.001}
WARM = {"lr0": 0.1, "warmup_steps": 10, "total_steps": 110, "lr_min": 0.001}
NO_WARM = {"lr0": 0.1, "warmup_steps": 0, "total_steps": 100, "lr_min": 0.001}
EDGE_CASES = [
    ("step_decay", 0, STEP, 0.1, "step 0 gives lr0"),
    ("step_decay", 9, STEP, 0.1, "the rate only drops once a full step_size has passed (floor(9 / 10) = 0)"),
    ("step_decay", 10, STEP, 0.05, "after step_size steps the rate has dropped once"),
    ("step_decay", 25, STEP, 0.025, "floor(25 / 10) = 2 drops"),
    ("exponential_decay", 0, EXPO, 0.1, "step 0 gives lr0"),
    ("exponential_decay", 3, EXPO, 0.1 * 0.9**3, "lr0 * gamma ** t"),
    ("cosine_annealing", 0, COS, 0.1, "step 0 gives lr0"),
    ("cosine_annealing", 50, COS, 0.0505, "half way the rate is the average of lr0 and lr_min"),
    ("cosine_annealing", 100, COS, 0.001, "at t = total_steps the rate reaches lr_min"),
    ("cosine_annealing", 150, COS, 0.001, "after total_steps the rate stays at lr_min (it does not rise again)"),
    ("warmup_cosine", 0, WARM, 0.0, "the warmup starts from 0 at step 0 (lr0 * t / W)"),
    ("warmup_cosine", 5, WARM, 0.05, "half way through the warmup the rate is lr0 / 2"),
    ("warmup_cosine", 10, WARM, 0.1, "at the end of the warmup (t = W) the rate is exactly lr0, the peak"),
    ("warmup_cosine", 60, WARM, 0.0505, "half way through the cosine part, (t - W) / (T - W) = 1/2"),
    ("warmup_cosine", 110, WARM, 0.001, "at t = total_steps the rate reaches lr_min"),
    ("warmup_cosine", 200, WARM, 0.001, "after total_steps the rate stays at lr_min"),
    ("warmup_cosine", 0, NO_WARM, 0.1, "with warmup_steps = 0 there is no warmup: step 0 gives lr0"),
    ("warmup_cosine", 50, NO_WARM, 0.0505, "with warmup_steps = 0 the schedule is cosine_annealing"),
]


def show(kwargs):
    return ", ".join(f"{k}={v}" for k, v in kwargs.items())


@kata.check(points=2)
@given(case=st.just(None))
def edge_values_match_the_readme(sub, ref, case):
    """Step 0, step boundaries, the end of warmup, t = total_steps and beyond give the README's values"""
    for name, t, kwargs, expected, why in EDGE_CASES:
        call = f"{name}({t}, {show(kwargs)})"
        got = assert_scalar(getattr(sub, name)(t, **kwargs), name=call)
        within(f"{call}: {why}.", assert_close, got, expected, rtol=1e-9, atol=1e-12, name=call)


SCHEDULES = [
    ("step_decay", {"lr0": 0.3, "drop": 0.25, "step_size": 3}),
    ("exponential_decay", {"lr0": 0.3, "gamma": 0.8}),
    ("cosine_annealing", {"lr0": 0.3, "total_steps": 8, "lr_min": 0.01}),
    ("warmup_cosine", {"lr0": 0.3, "warmup_steps": 3, "total_steps": 9, "lr_min": 0.01}),
]


@kata.check(points=2, max_examples=5)
@given(seed=kst.seeds(), shape=st.one_of(kst.shapes(1, 1, 6), kst.shapes(2, 1, 3)))
def arrays_of_steps_give_arrays_of_rates(sub, ref, seed, shape):
    """Given an integer array of steps, each schedule returns a float64 array of that shape, element by element"""
    t = kst.rng_from(seed).integers(0, 15, size=shape)
    for name, kwargs in SCHEDULES:
        call = f"{name}(t, {show(kwargs)}) with t = {t.tolist()}"
        try:
            got = getattr(sub, name)(t, **kwargs)
        except NotImplementedError:
            raise
        except Exception as exc:  # noqa: BLE001 - a scalar-only implementation fails here: say so
            fail(f"{call} raised {type(exc).__name__}: {exc}. The schedules must accept an array of steps: use NumPy "
                 "functions (np.cos, np.minimum, np.where) instead of math.cos, min() and if statements.")
        got = assert_array(got, name=call, shape=shape)
        one_by_one = np.array([assert_scalar(getattr(sub, name)(int(s), **kwargs), name=f"{name}({int(s)}, {show(kwargs)})")
                               for s in t.ravel()]).reshape(shape)
        assert_close(got, one_by_one, name=f"{call}, compared with calling it step by step")


@kata.check(points=1, max_examples=10)
@given(lr0=st.sampled_from([1.0, 0.1, 3e-4]), ratio=st.sampled_from([0.0, 0.01, 0.5]),
       warmup=st.integers(0, 6), length=st.integers(1, 30))
def schedules_move_the_right_way(sub, ref, lr0, ratio, warmup, length):
    """Decay schedules never increase, warmup increases up to lr0, every rate stays within its bounds"""
    lr_min = ratio * lr0
    total = warmup + length
    t = np.arange(0, total + 5)
    runs = [
        ("step_decay", {"lr0": lr0, "drop": 0.5, "step_size": 4}, 0.0),
        ("exponential_decay", {"lr0": lr0, "gamma": 0.95}, 0.0),
        ("cosine_annealing", {"lr0": lr0, "total_steps": total, "lr_min": lr_min}, lr_min),
        ("warmup_cosine", {"lr0": lr0, "warmup_steps": warmup, "total_steps": total, "lr_min": lr_min}, lr_min),
    ]
    for name, kwargs, low in runs:
        call = f"{name}(t, {show(kwargs)}) for t = 0..{total + 4}"
        lr = assert_array(getattr(sub, name)(t, **kwargs), name=call, shape=t.shape)
        tol = 1e-12 * lr0
        start = warmup if name == "warmup_cosine" else 0
        if name == "warmup_cosine" and np.any(np.diff(lr[: warmup + 1]) <= 0):
            fail(f"{call}: the rate must increase during the warmup (t = 0..{warmup}), got {lr[: warmup + 1].tolist()}.")
        rises = np.flatnonzero(np.diff(lr[start:]) > tol)
        if rises.size:
            i = int(rises[0]) + start
            fail(f"{call}: the rate rises from {lr[i]:.6g} at t = {i} to {lr[i + 1]:.6g} at t = {i + 1}; after "
                 f"{'the warmup' if start else 'step 0'} it must never increase (also not after total_steps).")
        floor = 0.0 if name == "warmup_cosine" else low
        if np.any(lr > lr0 + tol) or np.any(lr < floor - tol):
            fail(f"{call}: every rate must lie between {floor:.6g} and lr0 = {lr0:.6g}, got values from "
                 f"{lr.min():.6g} to {lr.max():.6g}.")
