"""CartPole-v1 sweep of the reference DQN (notebook 04): does it solve every seed, and how fast?

    .venv/bin/python benchmarks/cartpole_sweep.py            # seeds 0..9, prints a Markdown table
    .venv/bin/python benchmarks/cartpole_sweep.py --seeds 3  # the first 3 seeds only
    .venv/bin/python benchmarks/cartpole_sweep.py --workers 3  # seeds in 3 processes at once
    .venv/bin/python benchmarks/cartpole_sweep.py --first-seed 100 --seeds 20  # seeds 100..119
    .venv/bin/python benchmarks/cartpole_sweep.py --max-steps 25000  # capped like the notebook's first attempt

Variants of the reference, for the "tried" tables of benchmarks/README.md (the defaults are the
notebook's own settings: one update every 2 steps, batch 128, lr 2e-3, a target sync every 50 steps):

    --look-from 0       the quick greedy look after every episode (the notebook: once one reaches 475)
    --train-every 1     one update every environment step once warm
    --batch-size 64    --hidden 64    --target-every 100    --lr 1e-3

"Solved" means a greedy mean return >= 475 over 100 evaluation episodes reset with the fixed seeds
10000..10099, measured on the weights training stops with (stop-at-solve); `held-out mean` scores
those same weights on 100 episodes reset with seeds 20000..20099, which no stop decision saw. `steps` counts the
environment steps of training (evaluation episodes are not counted); `wall s` is the wall-clock
time of the whole run and `CPU s` the CPU time of its process, evaluations included, with torch on
one thread. On a machine shared with other work, CPU time is the fairer measure of the cost. The budget (docs/design.md):
every seed solved, median <= 20k steps and <= 15 s on two CPU cores.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dqn_reference import ATTEMPT_STEPS, CARTPOLE, HELD_OUT_SEED, evaluate_batched, seeded_start, solve_check, train  # noqa: E402


def run(seed: int, cfg=CARTPOLE, look_from: float | None = None) -> dict:
    start, cpu_start = time.perf_counter(), time.process_time()
    agent, env = seeded_start(seed, cfg)
    evals: list = []
    history = train(agent, env, cfg, seed=seed * 1000,
                    on_episode_end=solve_check("CartPole-v1", 475.0, log=evals, look_from=look_from))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    final = history.get("final_eval")
    if final is None or final.mean() < 475:  # never stopped: score the weights it ended with
        final = evaluate_batched(agent, "CartPole-v1", 100)
    held_out = evaluate_batched(agent, "CartPole-v1", 100, seed=HELD_OUT_SEED)  # seeds no stop decision saw
    return {"seed": seed, "steps": history["steps"], "episodes": len(history["returns"]),
            "seconds": seconds, "cpu": cpu, "score": float(final.mean()), "solved": bool(final.mean() >= 475),
            "held_out": float(held_out.mean()), "full_evals": sum(1 for e in evals if e[1] == "full")}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds")
    parser.add_argument("--first-seed", type=int, default=0, help="the first seed (default 0: seeds 0..9)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--look-from", type=float, help="quick look after an episode returning this much (default: 475)")
    parser.add_argument("--train-every", type=int, default=CARTPOLE.train_every, help="environment steps per update")
    parser.add_argument("--batch-size", type=int, default=CARTPOLE.batch_size)
    parser.add_argument("--hidden", type=int, default=CARTPOLE.hidden_dim)
    parser.add_argument("--target-every", type=int, default=CARTPOLE.target_every)
    parser.add_argument("--lr", type=float, default=CARTPOLE.lr)
    parser.add_argument("--max-steps", type=int, default=CARTPOLE.max_steps,
                        help=f"the step cap of a run (default {CARTPOLE.max_steps}; {ATTEMPT_STEPS}: the notebook's first attempt)")
    args = parser.parse_args(argv)
    cfg = dataclasses.replace(CARTPOLE, batch_size=args.batch_size, hidden_dim=args.hidden,
                              target_every=args.target_every, train_every=args.train_every, lr=args.lr,
                              max_steps=args.max_steps)
    job = functools.partial(run, cfg=cfg, look_from=args.look_from)
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    print(f"quick look after an episode returning >= {475 if args.look_from is None else args.look_from:g}, "
          f"one update per {cfg.train_every} step(s), batch {cfg.batch_size}, lr {cfg.lr:g}, {cfg.hidden_dim} hidden units, "
          f"target sync every {cfg.target_every} steps, at most {cfg.max_steps} steps\n")
    print("| seed | solved | env steps | episodes | wall s | CPU s | greedy mean (100 eps) | held-out mean (100 eps) "
          "| 100-ep evaluations |")
    print("|---:|:---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)

    def show(r: dict) -> None:
        print(f"| {r['seed']} | {'yes' if r['solved'] else 'NO'} | {r['steps']} | {r['episodes']} | "
              f"{r['seconds']:.1f} | {r['cpu']:.1f} | {r['score']:.1f} | {r['held_out']:.1f} | {r['full_evals']} |", flush=True)

    if args.workers > 1:
        import multiprocessing as mp
        with mp.get_context("spawn").Pool(args.workers) as pool:
            rows = []
            for r in pool.imap_unordered(job, seeds):
                rows.append(r)
                show(r)
        rows.sort(key=lambda r: r["seed"])
    else:
        rows = []
        for seed in seeds:
            rows.append(job(seed))
            show(rows[-1])
    steps = statistics.median(r["steps"] for r in rows)
    secs = statistics.median(r["seconds"] for r in rows)
    cpu = statistics.median(r["cpu"] for r in rows)
    solved = [r for r in rows if r["solved"]]
    if solved:
        print(f"\nsolved runs: most env steps {max(r['steps'] for r in solved)}; held-out greedy mean "
              f"min {min(r['held_out'] for r in solved):.1f}, median {statistics.median(r['held_out'] for r in solved):.1f}")
    print(f"\nsolved {sum(r['solved'] for r in rows)}/{len(rows)}; median {steps:.0f} env steps, "
          f"median {secs:.1f} s wall, {cpu:.1f} s CPU (CPU: {os.cpu_count()} cores, torch threads 1, "
          f"{args.workers} worker(s))")


if __name__ == "__main__":
    main()
