"""One call that makes a run repeatable: Python, NumPy, torch, and optionally an environment."""
from __future__ import annotations

import os
import random
from typing import Any

import numpy as np
import torch


def seed_everything(seed: int, env: Any | None = None) -> np.random.Generator:
    """Seed every source of randomness a course notebook uses, and return a NumPy Generator.

    Seeds Python's `random`, NumPy's global state, torch (CPU), and, when `env` is a Gymnasium
    environment, the environment itself (through `env.reset(seed=...)`) and its action space
    (`env.action_space.seed`), so that `env.action_space.sample()` is repeatable too.
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)  # inherited by any subprocess the notebook starts
    if env is not None:
        env.reset(seed=seed)
        env.action_space.seed(seed)
        if hasattr(env, "observation_space"):
            env.observation_space.seed(seed)
    return np.random.default_rng(seed)
