"""Generate the data of the transfer_learning kata: a feature extractor pretrained on the digits 0-4, and a
small labelled set of the digits 5-9 (the new task).

The images come from the generator of the lenet kata (an 8x8 rendering of a 5x7 font, shifted, blurred and
noisy), flattened to 64 values in [0, 1]. The base network 64 -> 32 -> 16 (ReLU after each layer) is trained,
with a 5-way softmax head that is then thrown away, on 3000 images of the digits 0-4 by minibatch SGD with
momentum. Everything is written to ``data.npz`` next to this file. Run ``python -m katas.transfer_learning.make_data``;
it is deterministic (seed 7).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from katas.lenet.make_digits import draw

SEED, N_PRETRAIN, N_TRAIN, N_TEST = 7, 3000, 100, 300


def images(digits: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return np.stack([draw(int(d), rng).ravel() for d in digits])


def pretrain(X: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """A 64-32-16 ReLU base with a 5-way softmax head, trained by SGD with momentum; returns the base only."""
    sizes = [(64, 32), (32, 16), (16, 5)]
    W = [rng.normal(0, np.sqrt(2 / a), (a, b)) for a, b in sizes]
    b = [np.zeros(s[1]) for s in sizes]
    vW, vb = [np.zeros_like(w) for w in W], [np.zeros_like(c) for c in b]
    for _ in range(30):
        order = rng.permutation(len(X))
        for start in range(0, len(X), 50):
            idx = order[start:start + 50]
            hs = [X[idx]]
            for i in range(3):
                z = hs[-1] @ W[i] + b[i]
                hs.append(np.maximum(z, 0) if i < 2 else z)
            p = np.exp(hs[-1] - hs[-1].max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
            p[np.arange(len(idx)), y[idx]] -= 1
            d = p / len(idx)
            for i in (2, 1, 0):
                gW, gb = hs[i].T @ d, d.sum(0)
                d = (d @ W[i].T) * (hs[i] > 0)
                vW[i], vb[i] = 0.9 * vW[i] - 0.05 * gW, 0.9 * vb[i] - 0.05 * gb
                W[i], b[i] = W[i] + vW[i], b[i] + vb[i]
    return {"W1": W[0], "b1": b[0], "W2": W[1], "b2": b[1]}


def main() -> None:
    rng = np.random.default_rng(SEED)
    y_pre = rng.integers(0, 5, N_PRETRAIN)
    base = pretrain(images(y_pre, rng), y_pre, rng)
    y_train, y_test = rng.integers(0, 5, N_TRAIN), rng.integers(0, 5, N_TEST)
    X_train, X_test = images(y_train + 5, rng), images(y_test + 5, rng)
    np.savez_compressed(Path(__file__).with_name("data.npz"), **{f"base_{k}": v for k, v in base.items()},
                        X_train=X_train, y_train=y_train, X_test=X_test, y_test=y_test)


if __name__ == "__main__":
    main()
