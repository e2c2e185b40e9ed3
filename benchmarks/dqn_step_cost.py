"""What one step of the reference DQN costs, and how much the fused optimizer and batched evaluation save.

    .venv/bin/python benchmarks/dqn_step_cost.py
    .venv/bin/python benchmarks/dqn_step_cost.py --rounds 9 --repeats 500

Timed in this one process, in alternating rounds (best round counts), torch on one thread:

- ``update(128)`` (the reference's batch) of the reference agent (Adam ``fused=True``) against the
  same agent with the textbook ``Adam(params, lr)`` (the baseline), and ``update(64)``;
- ``select_action`` (greedy, batch of one);
- 100 greedy CartPole episodes of a fixed policy network, evaluated one episode after the other
  (``evaluate``) and side by side (``evaluate_batched``), which must return the same returns;
- a torch call that does almost nothing (adding two 64-float tensors): the machine's per-call
  overhead, the unit in which a small network's step is really paid;
- ``update(128)`` of reference agents 32, 64 and 128 hidden units wide (``--widths``), against each
  other: how much of an update is arithmetic.

A CartPole run is about 8k environment steps, each with one ``select_action`` and, once warm, one
``update`` every 2 steps; so seconds per seed ~ 8k x (select + update / 2) + evaluations.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import gymnasium as gym
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dqn_reference import CARTPOLE, DQNAgent, evaluate, evaluate_batched  # noqa: E402

BATCH = CARTPOLE.batch_size


class TextbookAgent(DQNAgent):
    """The reference agent with the textbook optimizer: ``Adam(params, lr)``, one kernel per parameter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.optimizer = torch.optim.Adam(self.q_net.parameters(), lr=1e-3)


def best_of(fns: dict, repeats: int, rounds: int) -> dict[str, float]:
    """Seconds per call of each function: the best of `rounds` alternating rounds of `repeats` calls."""
    best = {name: float("inf") for name in fns}
    for f in fns.values():
        for _ in range(10):
            f()
    for _ in range(rounds):
        for name, f in fns.items():
            start = time.perf_counter()
            for _ in range(repeats):
                f()
            best[name] = min(best[name], (time.perf_counter() - start) / repeats)
    return best


def filled(agent: DQNAgent, n: int = 2_000) -> DQNAgent:
    rng = np.random.default_rng(0)
    for i in range(n):
        agent.buffer.push(rng.standard_normal(4).astype(np.float32), i % 2, 1.0,
                          rng.standard_normal(4).astype(np.float32), float(i % 50 == 49))
    return agent


def balancing_agent() -> DQNAgent:
    """An agent whose network pushes the cart towards where the pole leans: long, varied episodes."""
    agent = DQNAgent(4, 2, seed=0)
    with torch.no_grad():
        for p in agent.q_net.parameters():
            p.zero_()
        first, last = agent.q_net.net[0], agent.q_net.net[4]
        first.weight[0, 2], first.weight[0, 3] = 1.0, 0.5      # hidden unit 0: pole angle + angular velocity
        first.weight[1, 2], first.weight[1, 3] = -1.0, -0.5    # hidden unit 1: its negative
        agent.q_net.net[2].weight[0, 0] = agent.q_net.net[2].weight[1, 1] = 1.0
        last.weight[1, 0] = last.weight[0, 1] = 1.0            # lean right -> push right (action 1)
    return agent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300, help="calls per timed round")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds (the best one counts)")
    parser.add_argument("--episodes", type=int, default=100, help="evaluation episodes")
    parser.add_argument("--widths", type=int, nargs="*", default=[32, 64, 128],
                        help=f"hidden widths whose update({BATCH}) is timed against each other")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    torch.manual_seed(0)

    reference, textbook = filled(DQNAgent(4, 2, seed=0)), filled(TextbookAgent(4, 2, seed=0))
    textbook.q_net.load_state_dict(reference.q_net.state_dict())
    x, y = torch.zeros(64), torch.zeros(64)
    state = np.zeros(4, dtype=np.float32)
    t = best_of({f"update({BATCH}), fused Adam": lambda: reference.update(BATCH),
                 f"update({BATCH}), textbook Adam": lambda: textbook.update(BATCH),
                 "update(64), fused Adam": lambda: reference.update(64),
                 "select_action (greedy)": lambda: reference.select_action(state, 0.0),
                 "torch call floor (64 + 64 floats)": lambda: x + y}, args.repeats, args.rounds)
    floor = t["torch call floor (64 + 64 floats)"]

    def show(times: dict[str, float]) -> None:
        for name, seconds in times.items():
            print(f"{name:40} {seconds * 1e6:8.1f} {seconds / floor:8.0f}")

    print(f"{'':40} {'us':>8} {'x floor':>8}")
    show(t)
    print(f"update speed-up (textbook / reference): {t[f'update({BATCH}), textbook Adam'] / t[f'update({BATCH}), fused Adam']:.2f}x")

    widths = {f"update({BATCH}), {w} hidden units": filled(DQNAgent(4, 2, hidden_dim=w, seed=0)) for w in args.widths}
    show(best_of({name: (lambda a=a: a.update(BATCH)) for name, a in widths.items()}, args.repeats, args.rounds))

    agent, env = balancing_agent(), gym.make("CartPole-v1")
    start = time.perf_counter()
    one_by_one = evaluate(agent, env, args.episodes)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    side_by_side = evaluate_batched(agent, "CartPole-v1", args.episodes)
    batched = time.perf_counter() - start
    assert np.array_equal(one_by_one, side_by_side), "the two evaluations disagree"
    print(f"{args.episodes} greedy episodes (mean length {one_by_one.mean():.0f} steps): one by one {sequential:.2f} s, "
          f"side by side {batched:.2f} s ({sequential / batched:.1f}x), identical returns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
