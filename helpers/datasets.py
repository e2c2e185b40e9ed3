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
