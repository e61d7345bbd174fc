"""Import a deep-learning library the kata forbids."""
import torch  # noqa: F401


def double(x):
    return 2 * x
