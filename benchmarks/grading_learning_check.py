"""How much room notebook 04's grading-mode learning check leaves a correct solution.

    .venv/bin/python benchmarks/grading_learning_check.py --seeds 100 --workers 2

Under grading, notebook 04 trains its CartPole agent for 3,000 environment steps only, then asks
for a greedy mean return of at least `--need` over 10 episodes reset with the seeds 10000..10009
(`test_cartpole_solved`). A student's correct solution draws its random numbers in its own way
(`random` or NumPy, in a different order), so it follows a trajectory of its own; training the
reference with other seeds shows where such trajectories land. The same seeds' untrained networks
show what an agent that learned nothing scores. The check is fair when the reference's worst seed
stays well above the bar and the untrained networks stay well below it.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dqn_reference import CARTPOLE, evaluate_batched, seeded_start, solve_check, train  # noqa: E402

GRADING_STEPS = 3_000     # notebook 04's CARTPOLE_STEPS under grading
EPISODES = 10             # the grading-mode check's evaluation episodes
NEED = 45.0               # and the greedy mean it asks for


def scores(seed: int) -> tuple[float, float]:
    """(untrained, trained) greedy mean over the check's episodes, for one seed of the reference."""
    cfg = dataclasses.replace(CARTPOLE, max_steps=GRADING_STEPS)
    agent, env = seeded_start(seed, cfg)
    untrained = float(evaluate_batched(agent, "CartPole-v1", EPISODES).mean())
    train(agent, env, cfg, seed=seed * 1000, on_episode_end=solve_check("CartPole-v1", 475.0))
    return untrained, float(evaluate_batched(agent, "CartPole-v1", EPISODES).mean())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--need", type=float, default=NEED, help=f"the bar to count against (notebook 04: {NEED:g})")
    args = parser.parse_args(argv)
    if args.workers > 1:
        import multiprocessing as mp
        with mp.get_context("spawn").Pool(args.workers) as pool:
            rows = pool.map(scores, range(args.seeds))
    else:
        rows = [scores(seed) for seed in range(args.seeds)]
    untrained, trained = (np.array(column) for column in zip(*rows, strict=False))
    order = np.argsort(trained)
    print(f"greedy mean over {EPISODES} episodes after {GRADING_STEPS} training steps, seeds 0..{args.seeds - 1}")
    print("lowest seeds (seed: score):", ", ".join(f"{i}: {trained[i]:.1f}" for i in order[:5]))
    for name, values in (("trained", trained), ("untrained", untrained)):
        q = np.percentile(values, [0, 5, 50, 95, 100])
        print(f"{name:>9}: min {q[0]:.1f}  5% {q[1]:.1f}  median {statistics.median(values):.1f}  "
              f"95% {q[3]:.1f}  max {q[4]:.1f}")
    print(f"bar {args.need:g}: {int((trained < args.need).sum())} of {args.seeds} trained seeds below it, "
          f"{int((untrained >= args.need).sum())} of {args.seeds} untrained networks at or above it; "
          f"worst trained seed / bar = {trained.min() / args.need:.2f}")


if __name__ == "__main__":
    main()
