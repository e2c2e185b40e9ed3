"""What ending each graded notebook's kernel with a kill, not a graceful shutdown, saves nbgrader.

    .venv/bin/python benchmarks/kernel_shutdown.py [--assignment 02_nn_module] [--wrong 6] [--rounds 3]

First it times the kernel's exit alone: nbclient starts a kernel, runs the notebook's setup cell
(the imports) and one optimizer step, then ends the kernel gracefully or immediately, in turn,
`--exits` times each. Then it grades the same submissions (the solution, the stub and the first
`--wrong` wrong answers of the bank) with the real ``nbgrader autograde``, once with
``Execute.shutdown_kernel = "graceful"`` (nbgrader's default: ask the kernel to exit, then wait
until it has) and once with ``"immediate"`` (course/nbgrader_config.py: kill it once the last
cell has run), alternating for `--rounds` rounds in this one run. Every round also checks that
both give every submission the same scores. Prints seconds per submission and their ratio;
writes benchmarks/results/kernel_shutdown.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.course import cells as C  # noqa: E402
from autograder.course import workspace  # noqa: E402
from autograder.course.syllabus import syllabus  # noqa: E402
from autograder.proof import banks, contract  # noqa: E402

MODES = ("graceful", "immediate")


def submissions(assignment: str, wrong: int) -> dict:
    """The solution, the stub and the first `wrong` wrong answers of the bank, by name."""
    info = next(nb for nb in syllabus(REPO) if nb.assignment == assignment)
    source, release = contract.read(info.source(REPO)), contract.read(info.release(REPO))
    return contract.bank_submissions(source, release, banks.load(REPO, assignment)[:wrong])


def exit_seconds(assignment: str, mode: str) -> float:
    """Seconds nbclient takes to end a kernel (`mode`) that has imported the course's modules."""
    from nbclient import NotebookClient

    info = next(nb for nb in syllabus(REPO) if nb.assignment == assignment)
    setup = next(c for c in contract.read(info.source(REPO)).cells if C.grade_id(c) == "setup")
    step = ("_m = torch.nn.Linear(2, 2); _opt = torch.optim.Adam(_m.parameters())\n"
            "_m(torch.ones(1, 2)).sum().backward(); _opt.step()")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(setup.source), nbformat.v4.new_code_cell(step)])
    with tempfile.TemporaryDirectory(prefix="bench-exit-") as tmp:
        client = NotebookClient(nb, kernel_name="python3", timeout=120, shutdown_kernel=mode,
                                resources={"metadata": {"path": tmp}})
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            start = time.perf_counter()
        return time.perf_counter() - start


def autograde_seconds(assignment: str, subs: dict, mode: str) -> tuple[float, dict]:
    """Seconds `nbgrader autograde` took for `subs` with the kernel ended `mode`, and the scores."""
    shim = workspace.CONFIG_SHIM
    workspace.CONFIG_SHIM = shim + f"c.Execute.shutdown_kernel = {mode!r}\n"   # after the course's own config
    seconds: list[float] = []
    run = contract.run_nbgrader

    def timed(args, cwd, timeout=1800):
        start = time.perf_counter()
        proc = run(args, cwd, timeout)
        if args[0] == "autograde":
            seconds.append(time.perf_counter() - start)
        return proc

    contract.run_nbgrader = timed
    try:
        with tempfile.TemporaryDirectory(prefix="bench-shutdown-") as tmp:
            graded = contract.autograde(REPO, assignment, subs, Path(tmp))
    finally:
        workspace.CONFIG_SHIM, contract.run_nbgrader = shim, run
    return seconds[0], {student: g.cells for student, g in graded.items()}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--assignment", default="02_nn_module")
    p.add_argument("--wrong", type=int, default=6, help="wrong answers of the bank to grade besides solution and stub")
    p.add_argument("--rounds", type=int, default=3, help="autograde rounds per shutdown mode")
    p.add_argument("--exits", type=int, default=5, help="timed kernel exits per shutdown mode")
    p.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "kernel_shutdown.json")
    args = p.parse_args()

    exits: dict[str, list[float]] = {m: [] for m in MODES}
    for _ in range(args.exits):
        for mode in MODES:
            exits[mode].append(exit_seconds(args.assignment, mode))
    exit_median = {m: statistics.median(v) for m, v in exits.items()}
    print(f"kernel exit after the imports, median of {args.exits}: graceful {exit_median['graceful']:.2f} s, "
          f"immediate {exit_median['immediate']:.2f} s", flush=True)

    subs = submissions(args.assignment, args.wrong)
    per_sub: dict[str, list[float]] = {m: [] for m in MODES}
    for r in range(args.rounds):
        scores = {}
        for mode in MODES:
            seconds, scores[mode] = autograde_seconds(args.assignment, subs, mode)
            per_sub[mode].append(seconds / len(subs))
            print(f"round {r + 1}: {mode:9s} {seconds:6.1f} s for {len(subs)} submissions "
                  f"({seconds / len(subs):.2f} s each)", flush=True)
        if scores["graceful"] != scores["immediate"]:
            print("the two shutdowns gave different scores", file=sys.stderr)
            return 1
    best = {m: min(v) for m, v in per_sub.items()}
    print(f"best round, s per submission: graceful {best['graceful']:.2f}, immediate {best['immediate']:.2f}; "
          f"graceful / immediate = {best['graceful'] / best['immediate']:.2f}x; same scores in every round")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"assignment": args.assignment, "exit_seconds": exits, "exit_median": exit_median,
                                    "submissions": len(subs), "rounds": args.rounds,
                                    "seconds_per_submission": per_sub, "best": best,
                                    "ratio": best["graceful"] / best["immediate"]}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
