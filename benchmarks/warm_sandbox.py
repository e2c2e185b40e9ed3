"""Warm sandbox: what one submission costs the grader when its kernel is forked from a zygote that
has already imported the libraries, against a fresh sandbox (and fresh imports) per submission.

    .venv/bin/python benchmarks/warm_sandbox.py [--assignment 02_nn_module] [--rounds 4]

One worker, one submission at a time (the solution of `--assignment`, graded in full through
`job.grade_job`, the sandbox on), alternating a cold round (every warm sandbox closed first, so the
job starts a new one) and a warm round (the sandbox kept), so that a loaded machine slows both
alike. Reports the median seconds of each and their ratio, and writes
benchmarks/results/warm_sandbox.json.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nbformat  # noqa: E402

from autograder.grading import sandbox, warm_sandbox  # noqa: E402
from autograder.grading.job import Job, grade_job  # noqa: E402
from autograder.grading.options import Limits  # noqa: E402
from autograder.proof.contract import read  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--assignment", default="02_nn_module")
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "warm_sandbox.json")
    args = p.parse_args()
    support = sandbox.probe()
    if not support.ok:
        raise SystemExit(f"this machine cannot sandbox: {support.reason}")
    name = args.assignment
    cold, warm = [], []
    with tempfile.TemporaryDirectory(prefix="bench-warm-", dir="/tmp") as tmp:
        folder = Path(tmp) / "submitted" / name
        folder.mkdir(parents=True)
        nbformat.write(read(REPO / "source" / name / f"{name}.ipynb"), str(folder / f"{name}.ipynb"))
        job = Job(student="bench", assignment=name, folder=str(folder), run_dir=tmp, autograded=str(Path(tmp) / "out"),
                  limits=Limits(), sandboxed=True, pids_cgroup=str(support.pids_cgroup) if support.pids_cgroup else None,
                  cell_timeout=300, notebook_timeout=600)
        grade_job(str(REPO), job)          # the first run pays for cold caches, in neither column
        for _ in range(args.rounds):
            for column, close in ((cold, True), (warm, False)):
                if close:
                    warm_sandbox.close_all()
                start = time.perf_counter()
                result = grade_job(str(REPO), job)
                column.append(time.perf_counter() - start)
                if result.score != result.auto_max:
                    raise SystemExit(f"the solution scored {result.score}/{result.auto_max} ({result.reason}): "
                                     "its time would measure a failure")
        warm_sandbox.close_all()
    report = {"assignment": name, "rounds": args.rounds, "cores": os.cpu_count(), "load_average_1m": os.getloadavg()[0],
              "new_sandbox_s": round(statistics.median(cold), 2), "warm_sandbox_s": round(statistics.median(warm), 2),
              "speedup": round(statistics.median(cold) / statistics.median(warm), 2),
              "new_sandbox_all_s": [round(x, 2) for x in cold], "warm_sandbox_all_s": [round(x, 2) for x in warm]}
    print(f"{name}, solution, {args.rounds} rounds: new sandbox {report['new_sandbox_s']} s, warm sandbox "
          f"{report['warm_sandbox_s']} s per submission (medians): {report['speedup']}x  "
          f"(load average {report['load_average_1m']:.1f})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
