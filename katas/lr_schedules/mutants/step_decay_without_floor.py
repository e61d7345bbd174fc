"""Mutant: step_decay uses t / step_size without the floor, so the rate decays smoothly."""
import numpy as np


def _output(t, values):
    """A float for a scalar step, a float64 array of t's shape for an array of steps."""
    values = np.asarray(values, dtype=np.float64)
    return float(values) if np.ndim(t) == 0 else values


def step_decay(t, lr0, drop=0.5, step_size=10):
    """lr0 * drop ** floor(t / step_size).

    t: int, or an integer ndarray of any shape (steps, t >= 0). Returns a float for a scalar t,
    else a float64 array of t's shape.
    """
    t = np.asarray(t)
    return _output(t, lr0 * drop ** (t / step_size))


def exponential_decay(t, lr0, gamma):
    """lr0 * gamma ** t (same input and output conventions as step_decay)."""
    t = np.asarray(t)
    return _output(t, lr0 * np.power(float(gamma), t))


def cosine_annealing(t, lr0, total_steps, lr_min=0.0):
    """lr_min + (lr0 - lr_min) * (1 + cos(pi * min(t, T) / T)) / 2, with T = total_steps >= 1.

    Equal to lr0 at t = 0 and to lr_min at every t >= T (it stays there).
    """
    t = np.asarray(t)
    progress = np.minimum(t, total_steps) / total_steps
    return _output(t, lr_min + (lr0 - lr_min) * 0.5 * (1.0 + np.cos(np.pi * progress)))


def warmup_cosine(t, lr0, warmup_steps, total_steps, lr_min=0.0):
    """Linear warmup from 0 to lr0, then cosine annealing from lr0 to lr_min.

    W = warmup_steps >= 0, T = total_steps > W:
      t < W:       lr0 * t / W                    (0 at t = 0)
      W <= t <= T: lr_min + (lr0 - lr_min) * (1 + cos(pi * (t - W) / (T - W))) / 2   (lr0 at t = W)
      t > T:       lr_min
    """
    t = np.asarray(t)
    warm = lr0 * t / warmup_steps if warmup_steps > 0 else np.zeros(t.shape)
    progress = np.clip(t - warmup_steps, 0, total_steps - warmup_steps) / (total_steps - warmup_steps)
    cosine = lr_min + (lr0 - lr_min) * 0.5 * (1.0 + np.cos(np.pi * progress))
    return _output(t, np.where(t < warmup_steps, warm, cosine))
