"""Grading on Dask: the same class graded four ways in one run, the local process pool the baseline.

    .venv/bin/python benchmarks/grading_cluster.py [--students 12] [--full]

1. the local process pool (`make grade`'s default), 2 workers;
2. ``--scheduler local``: a Dask `LocalCluster` of 2 worker processes, started and closed by the
   command (its start is part of the time, as it is for the instructor);
3. a localhost cluster started beforehand (``dask scheduler``, ``dask worker --nthreads 1
   --resources sandbox=1``) with one worker process, reached as ``--scheduler tcp://...``;
4. the same with two worker processes.

Every run grades the class in a fresh work folder, sandbox on, registration included (as
`grading_throughput.py` does). The class is `--students` honest submissions of the first notebook
(correct, stub, the wrong answers of its bank, in turn; its first two exercises unless --full).
It reports the overhead of going through Dask (2 and 4 against 1), the scaling from one worker to
two (3 against 4), the parent's serial time per result (gradebook, feedback, record: the floor of
any cluster), and from them the time for 1,000 students on N machines (a model, on paper).
Writes benchmarks/results/grading_cluster.json.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import nbformat  # noqa: E402
from grading_throughput import build_class  # noqa: E402

from autograder.grading import pipeline  # noqa: E402
from autograder.grading.options import Options  # noqa: E402


def grade(root: Path, name: str, subs: dict, workers: int, scheduler: str | None) -> tuple[float, float, list]:
    """(seconds, the parent's seconds spent recording results, results) for one fresh grading of `subs`."""
    real = pipeline._recorded
    spent = [0.0]

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t

    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        course = pipeline.Course(root, Path(tmp))
        for student, nb in subs.items():
            target = course.submitted / student / name
            target.mkdir(parents=True)
            nbformat.write(nb, str(target / f"{name}.ipynb"))
        pipeline._recorded = timed
        start = time.perf_counter()
        try:
            results = pipeline.grade_class(course, REPO, Options(workers=workers, force=True, progress=False, scheduler=scheduler),
                                           [name], log=lambda *_: None)
        finally:
            pipeline._recorded = real
        return time.perf_counter() - start, spent[0], results


class LocalhostCluster:
    """``dask scheduler`` and `workers` ``dask worker`` processes on 127.0.0.1, as the README starts them."""

    def __init__(self, workers: int):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.workers = workers
        self.procs: list[subprocess.Popen] = []

    def _start(self, *args: str) -> None:
        self.procs.append(subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=REPO,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def __enter__(self) -> LocalhostCluster:
        from distributed import Client

        self._start("scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard")
        for i in range(self.workers):
            self._start("worker", self.address, "--name", f"w{i + 1}", "--nthreads", "1", "--resources", "sandbox=1",
                        "--no-nanny", "--no-dashboard")
        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(self.workers, timeout=120)
        return self

    def __exit__(self, *exc) -> None:
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=12)
    p.add_argument("--full", action="store_true", help="whole notebook instead of its first two exercises")
    p.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "grading_cluster.json")
    args = p.parse_args()
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    load_before = os.getloadavg()[0]
    runs = {}
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        root = Path(tmp)
        name, subs = build_class(root, args.students, args.full)
        n = len(subs)
        print(f"{n} submissions of {name} ({'whole notebook' if args.full else 'first two exercises'}), "
              f"{os.cpu_count()} cores, load average {load_before:.1f}")
        scores = {}
        for label, workers, cluster in (("pool_2", 2, None), ("dask_local_2", 2, "local"),
                                        ("localhost_1", 1, 1), ("localhost_2", 2, 2)):
            if isinstance(cluster, int):
                with LocalhostCluster(cluster) as c:
                    seconds, recording, results = grade(root, name, subs, workers, c.address)
            else:
                seconds, recording, results = grade(root, name, subs, workers, cluster)
            bad = [f"{r.student}: {r.status_text}" for r in results if r.not_graded]
            if bad:
                raise SystemExit(f"{label}: not every submission was graded, so there is no time to report:\n  " + "\n  ".join(bad[:5]))
            scores[label] = {(r.student, r.assignment): (r.score, r.status_text) for r in results}
            runs[label] = {"seconds": round(seconds, 2), "recording_s": round(recording, 2),
                           "workers": sorted({r.worker.split(" (")[0] for r in results})}
            print(f"  {label:14} {seconds:8.1f} s  ({seconds / n:.2f} s/submission; the parent recorded for {recording:.1f} s)")
    same = all(scores[k] == scores["pool_2"] for k in scores)
    pool, local, one, two = (runs[k]["seconds"] for k in ("pool_2", "dask_local_2", "localhost_1", "localhost_2"))
    record_s = max(r["recording_s"] for r in runs.values()) / n
    per_worker = two * 2 / n             # seconds of one worker process per submission, fixed costs included
    scaling = one / two
    model = {f"{m}_machines_x_{c}_workers": round(max(1000 * per_worker / (m * c), 1000 * record_s) / 60, 1)
             for m, c in ((1, 2), (4, 16), (10, 16), (25, 16))}
    report = {
        "assignment": name, "submissions": n, "whole_notebook": args.full, "cores": os.cpu_count(),
        "load_average_1m_before": round(load_before, 2), "load_average_1m_after": round(os.getloadavg()[0], 2),
        "runs": runs, "same_scores_and_statuses": same,
        "dask_local_over_pool": round(local / pool, 2), "localhost_2_over_pool": round(two / pool, 2),
        "scaling_1_to_2_workers": round(scaling, 2),
        "parent_recording_s_per_result": round(record_s, 3), "worker_s_per_submission": round(per_worker, 2),
        "model_minutes_for_1000": model,
    }
    print(f"same scores and statuses in every run: {same}")
    print(f"overhead of Dask: --scheduler local {local / pool:.2f}x the pool's time; a running localhost cluster "
          f"of 2 {two / pool:.2f}x")
    print(f"scaling from 1 worker process to 2: {scaling:.2f}x")
    print(f"the parent records a result in {record_s:.3f} s; a worker process grades one in {per_worker:.2f} s")
    print("1,000 students (model, minutes): " + ", ".join(f"{k}: {v}" for k, v in model.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"written to {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    if not same:
        raise SystemExit("the runs did not give the same scores and statuses")


if __name__ == "__main__":
    main()
