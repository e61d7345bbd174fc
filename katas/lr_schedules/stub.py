"""Learning-rate schedules as vectorised functions of the step. See katas/lr_schedules/README.md."""
import numpy as np


def step_decay(t, lr0, drop=0.5, step_size=10):
    """lr0 * drop ** floor(t / step_size).

    t: int, or an integer ndarray of any shape (steps, t >= 0). Returns a float for a scalar t,
    else a float64 array of t's shape.
    """
    raise NotImplementedError


def exponential_decay(t, lr0, gamma):
    """lr0 * gamma ** t (same input and output conventions as step_decay)."""
    raise NotImplementedError


def cosine_annealing(t, lr0, total_steps, lr_min=0.0):
    """lr_min + (lr0 - lr_min) * (1 + cos(pi * min(t, T) / T)) / 2, with T = total_steps >= 1.

    Equal to lr0 at t = 0 and to lr_min at every t >= T (it stays there).
    """
    raise NotImplementedError


def warmup_cosine(t, lr0, warmup_steps, total_steps, lr_min=0.0):
    """Linear warmup from 0 to lr0, then cosine annealing from lr0 to lr_min.

    W = warmup_steps >= 0, T = total_steps > W:
      t < W:       lr0 * t / W                    (0 at t = 0)
      W <= t <= T: lr_min + (lr0 - lr_min) * (1 + cos(pi * (t - W) / (T - W))) / 2   (lr0 at t = W)
      t > T:       lr_min
    """
    raise NotImplementedError