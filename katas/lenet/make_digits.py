"""Generate the small digits set of the lenet kata: 8x8 grey images of the digits 0-9, drawn from a 5x7 font.

Every image is one of ten hand-made 5x7 glyphs, placed at a random offset in an 8x8 frame, drawn with a
random stroke intensity, softened by a small blur and sprinkled with noise. The result is written to
``digits.npz`` next to this file (uint8 images, 0..255 for intensities 0..1, and int64 labels). Run it with
``python -m katas.lenet.make_digits``; it is deterministic (seed 2024), so the shipped file can be regenerated.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

GLYPHS = {
    0: ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
    1: ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
    2: ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
    3: ["11110", "00001", "00001", "01110", "00001", "00001", "11110"],
    4: ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
    5: ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
    6: ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
    7: ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
    8: ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
    9: ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
}
N_TRAIN, N_TEST, SEED = 600, 200, 2024


def glyph(digit: int) -> np.ndarray:
    return np.array([[float(c) for c in row] for row in GLYPHS[digit]])


def draw(digit: int, rng: np.random.Generator) -> np.ndarray:
    """One 8x8 image of ``digit``: shifted, blurred, noisy, clipped to [0, 1]."""
    image = np.zeros((8, 8))
    top, left = rng.integers(0, 2), rng.integers(0, 4)
    image[top:top + 7, left:left + 5] = glyph(digit) * rng.uniform(0.6, 1.0)
    image[rng.random((8, 8)) < 0.06] = 0.0                                   # a few broken strokes
    padded = np.pad(image, 1)
    neighbours = (padded[:-2, 1:-1] + padded[2:, 1:-1] + padded[1:-1, :-2] + padded[1:-1, 2:]) / 4
    image = (1 - (blur := rng.uniform(0.1, 0.35))) * image + blur * neighbours
    return np.clip(image + rng.normal(0.0, 0.08, (8, 8)), 0.0, 1.0)


def make(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, 10, n)
    images = np.stack([draw(int(d), rng) for d in labels])[:, None, :, :]   # (n, 1, 8, 8)
    return np.round(images * 255).astype(np.uint8), labels.astype(np.int64)


def main() -> None:
    rng = np.random.default_rng(SEED)
    X_train, y_train = make(N_TRAIN, rng)
    X_test, y_test = make(N_TEST, rng)
    np.savez_compressed(Path(__file__).with_name("digits.npz"), X_train=X_train, y_train=y_train,
                        X_test=X_test, y_test=y_test)


if __name__ == "__main__":
    main()
