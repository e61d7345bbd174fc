"""Hidden checks for the lr_schedules kata: agreement with the reference around every edge of each schedule."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, strategies as kst

from . import kata

lr0s = st.sampled_from([1.0, 0.1, 3e-4, 2.5])


def compare(sub, ref, name, t, **kwargs):
    call = f"{name}(t, {', '.join(f'{k}={v}' for k, v in kwargs.items())}) with t = {t.tolist()}"
    assert_close(getattr(sub, name)(t, **kwargs), getattr(ref, name)(t, **kwargs), name=call)
    one = t[:1]  # an array of a single step is still an array
    assert_close(getattr(sub, name)(one, **kwargs), getattr(ref, name)(one, **kwargs), name=f"{call} (first step only)")


@kata.check(points=1, hidden=True)
@given(lr0=lr0s, drop=st.sampled_from([0.5, 0.1, 0.9]), step_size=st.integers(1, 7),
       gamma=st.sampled_from([0.5, 0.9, 0.999]), seed=kst.seeds())
def step_and_exponential_match_reference(sub, ref, lr0, drop, step_size, gamma, seed):
    """step_decay and exponential_decay agree with the reference on arrays of steps"""
    t = np.concatenate([[0, step_size - 1, step_size, step_size + 1], kst.rng_from(seed).integers(0, 40, size=4)])
    compare(sub, ref, "step_decay", t, lr0=lr0, drop=drop, step_size=step_size)
    compare(sub, ref, "exponential_decay", t, lr0=lr0, gamma=gamma)


@kata.check(points=2, hidden=True)
@given(lr0=lr0s, ratio=st.sampled_from([0.0, 0.01, 0.3]), total=st.integers(1, 50), seed=kst.seeds())
def cosine_annealing_matches_reference(sub, ref, lr0, ratio, total, seed):
    """cosine_annealing agrees with the reference, at and after total_steps too"""
    rng = kst.rng_from(seed)
    t = np.concatenate([[0, total // 2, total - 1, total, total + 1, 2 * total + 3], rng.integers(0, 2 * total + 5, size=3)])
    compare(sub, ref, "cosine_annealing", t, lr0=lr0, total_steps=total, lr_min=ratio * lr0)


@kata.check(points=2, hidden=True)
@given(lr0=lr0s, ratio=st.sampled_from([0.0, 0.01, 0.3]), warmup=st.integers(0, 12), length=st.integers(1, 40),
       seed=kst.seeds())
def warmup_cosine_matches_reference(sub, ref, lr0, ratio, warmup, length, seed):
    """warmup_cosine agrees with the reference at step 0, around the end of warmup, at and after total_steps"""
    total = warmup + length
    rng = kst.rng_from(seed)
    t = np.concatenate([[0, 1, max(warmup - 1, 0), warmup, warmup + 1, total, total + 1, 2 * total + 3],
                        rng.integers(0, 2 * total + 5, size=3)])
    compare(sub, ref, "warmup_cosine", t, lr0=lr0, warmup_steps=warmup, total_steps=total, lr_min=ratio * lr0)
