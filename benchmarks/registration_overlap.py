"""Registering while grading: the pipeline with the assignment registered first, against the
pipeline as it runs (registration overlapped with the first submissions), in one process.

    .venv/bin/python benchmarks/registration_overlap.py [--students 12] [--rounds 3]

``pipeline.grade_class`` starts its workers on the submissions and only then runs ``nbgrader
generate_assignment`` (workers never touch the gradebook; results are recorded once the
assignment is registered). The "registered first" side reproduces the earlier order: register,
then call ``grade_class`` with its registration made a no-op (``register_first`` of
``grading_throughput.time_pipeline``). Both sides grade the same class as ``grading_throughput.py``
builds it, sandboxed, one worker per core; rounds alternate which side goes first. Prints every
time and the ratio of the medians.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading_throughput import build_class, time_pipeline  # noqa: E402


def grade_once(root: Path, name: str, subs: dict, workers: int, register_first: bool) -> float:
    """Seconds to grade `subs` in a fresh work folder, registration included."""
    seconds, results = time_pipeline(root, name, subs, workers, register_first)
    failed = [f"{r.student}: {r.status_text}" for r in results if r.not_graded]
    if failed:
        raise SystemExit("a submission was not graded, so the time measures a failure:\n  " + "\n  ".join(failed[:5]))
    return seconds


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=12)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = p.parse_args()
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    times: dict[str, list[float]] = {"registered first": [], "overlapped": []}
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        root = Path(tmp)
        name, subs = build_class(root, args.students, full=False)
        print(f"{len(subs)} submissions of {name} (first two exercises), {args.workers} workers, {args.rounds} rounds")
        for r in range(args.rounds):
            order = ["registered first", "overlapped"] if r % 2 == 0 else ["overlapped", "registered first"]
            for side in order:
                times[side].append(grade_once(root, name, subs, args.workers, side == "registered first"))
                print(f"  round {r + 1}: {side:<17} {times[side][-1]:6.1f} s", flush=True)
    first, overlapped = (statistics.median(times[k]) for k in ("registered first", "overlapped"))
    print(f"median: registered first {first:.1f} s, overlapped {overlapped:.1f} s: {first / overlapped:.2f}x  "
          f"(load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
