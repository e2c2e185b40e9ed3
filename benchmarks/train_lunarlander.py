"""Train the reference DQN of notebook 04 on LunarLander-v3 and write the checkpoint it ships.

    .venv/bin/python benchmarks/train_lunarlander.py \
        --preset LUNARLANDER_SMALL --out source/04_dqn/pretrained/lunarlander_dqn.pt

The same agent as CartPole (benchmarks/dqn_reference.py) with LunarLander's own hyperparameters:
`LUNARLANDER_SMALL` there, the default and the preset that produced the shipped checkpoint
(`--preset LUNARLANDER` is a wider network, slower per step, kept for comparison).

Every 10 episodes, once the last 10 training returns average >= 150, the greedy policy is
evaluated on 10 episodes; if those average >= max(200, --target) it is evaluated on 100 episodes
reset with the fixed seeds 10000..10099 (the notebook evaluates the same way), and training stops
when that mean reaches `--target` (200 by default; a higher target buys a margin). The checkpoint
holds the Q-network's weights, the configuration and that evaluation; the best evaluated weights
are kept. If no evaluation ever ran, the final weights are evaluated and written, and the last
line says whether they reach 200.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import time

import gymnasium as gym
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dqn_reference  # noqa: E402
from dqn_reference import DQNAgent, evaluate_batched, train  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="source/04_dqn/pretrained/lunarlander_dqn.pt")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--preset", default="LUNARLANDER_SMALL", choices=["LUNARLANDER", "LUNARLANDER_SMALL"])
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--target", type=float, default=200.0,
                        help="stop once the 100-episode greedy mean reaches this (>= 200 counts as solved)")
    args = parser.parse_args()

    cfg = getattr(dqn_reference, args.preset)
    if args.max_steps:
        cfg = dataclasses.replace(cfg, max_steps=args.max_steps)
    torch.set_num_threads(1)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    env = gym.make("LunarLander-v3")
    env.action_space.seed(args.seed)
    agent = DQNAgent(8, 4, lr=cfg.lr, gamma=cfg.gamma, hidden_dim=cfg.hidden_dim,
                     buffer_size=cfg.buffer_size, max_grad_norm=cfg.max_grad_norm, seed=args.seed)
    start = time.perf_counter()
    best = {"mean": -float("inf")}

    def save(mean: float, step: int, episodes: int, returns: np.ndarray) -> None:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        torch.save({
            "state_dict": agent.q_net.state_dict(),
            "env_id": "LunarLander-v3",
            "state_dim": 8, "action_dim": 4, "hidden_dim": cfg.hidden_dim,
            "preset": args.preset, "config": dataclasses.asdict(cfg), "seed": args.seed,
            "train_env_steps": step, "train_episodes": episodes,
            "eval_seeds": "10000..10099", "eval_mean": mean, "eval_std": float(returns.std()),
            "eval_min": float(returns.min()),
            "command": "python benchmarks/train_lunarlander.py " + " ".join(sys.argv[1:]),
        }, args.out)

    def check(agent: DQNAgent, history: dict) -> bool:
        n = len(history["returns"])
        step = history["episode_end_steps"][-1]
        if n % 10 == 0:
            print(f"episode {n:5d}  step {step:7d}  eps {history['epsilons'][-1]:.3f}  "
                  f"last-10 mean {np.mean(history['returns'][-10:]):8.1f}  "
                  f"{time.perf_counter() - start:7.0f} s", flush=True)
        if n % 10 or np.mean(history["returns"][-10:]) < 150:
            return False
        quick = evaluate_batched(agent, "LunarLander-v3", 10, seed=2_000_000 + n)
        print(f"  quick greedy eval (10 eps): {quick.mean():.1f}", flush=True)
        if quick.mean() < max(200.0, args.target):
            return False
        full = evaluate_batched(agent, "LunarLander-v3", 100, seed=10_000)
        print(f"  FULL greedy eval (100 eps, seeds 10000..10099): mean {full.mean():.1f} "
              f"std {full.std():.1f} min {full.min():.1f}", flush=True)
        if full.mean() > best["mean"]:
            best["mean"] = float(full.mean())
            save(float(full.mean()), step, n, full)
        return bool(full.mean() >= args.target)

    history = train(agent, env, cfg, seed=args.seed * 100_000, on_episode_end=check)
    seconds = time.perf_counter() - start
    if best["mean"] == -float("inf"):
        full = evaluate_batched(agent, "LunarLander-v3", 100, seed=10_000)
        best["mean"] = float(full.mean())
        save(float(full.mean()), history["steps"], len(history["returns"]), full)
    print(f"done: {history['steps']} env steps, {len(history['returns'])} episodes, {seconds:.0f} s; "
          f"checkpoint {args.out} has greedy mean {best['mean']:.1f} over 100 episodes "
          f"({'>= 200: solved' if best['mean'] >= 200 else 'below 200'})", flush=True)


if __name__ == "__main__":
    main()
