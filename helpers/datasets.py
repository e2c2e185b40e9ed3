"""Small synthetic data sets for the notebooks: generated, seeded, no downloads."""
from __future__ import annotations

import numpy as np


def make_binary_classification(n: int = 512, *, noise: float = 0.25, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half-moons in 2-D: a task a linear model cannot solve and a 2-layer MLP can.

    Returns ``X`` of shape ``(n, 2)`` (float64) and ``y`` of shape ``(n, 1)`` with labels 0.0/1.0,
    shuffled, with Gaussian `noise` added to the points.
    """
    rng = np.random.default_rng(seed)
    n0 = n // 2
    n1 = n - n0
    t0 = rng.uniform(0.0, np.pi, n0)
    t1 = rng.uniform(0.0, np.pi, n1)
    upper = np.stack([np.cos(t0), np.sin(t0)], axis=1)
    lower = np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)], axis=1)
    X = np.concatenate([upper, lower]) + rng.normal(0.0, noise, size=(n, 2))
    y = np.concatenate([np.zeros(n0), np.ones(n1)])[:, None]
    order = rng.permutation(n)
    return X[order], y[order]


def mystery_learning_curves(n_epochs: int = 40, seed: int = 0) -> dict[str, dict[str, np.ndarray]]:
    """Four learning curves, "A" to "D", each a dict of per-epoch "train" and "val" losses.

    They are drawn from formulas with a little seeded noise (the same numbers on every machine), in
    the shapes real runs take, for a student to diagnose by eye. Which shape is which is the
    exercise; this docstring does not say.
    """
    rng = np.random.default_rng(seed)
    e = np.arange(n_epochs, dtype=float)

    def noisy(curve: np.ndarray, scale: float) -> np.ndarray:
        return curve * (1.0 + scale * rng.normal(size=n_epochs))

    shapes = {
        "A": (0.55 + 0.004 * e + 0.18 * np.abs(np.sin(1.7 * e)) + 0.12 * rng.random(n_epochs),
              0.58 + 0.005 * e + 0.2 * np.abs(np.sin(1.7 * e + 0.4)) + 0.12 * rng.random(n_epochs)),
        "B": (0.03 + 0.65 * np.exp(-e / 6.0),
              0.20 + 0.50 * np.exp(-e / 5.0) + 0.00012 * e ** 2),
        "C": (0.12 + 0.58 * np.exp(-e / 9.0),
              0.15 + 0.57 * np.exp(-e / 9.0)),
        "D": (0.60 + 0.09 * np.exp(-e / 25.0),
              0.62 + 0.09 * np.exp(-e / 25.0)),
    }
    return {k: {"train": noisy(tr, 0.015), "val": noisy(va, 0.015)} for k, (tr, va) in shapes.items()}
