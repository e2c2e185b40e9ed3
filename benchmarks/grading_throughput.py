"""Grading throughput: the same class graded by plain sequential ``nbgrader autograde`` and by the
course's pipeline (sandbox on, one worker per core), in one run.

    .venv/bin/python benchmarks/grading_throughput.py [--students 12] [--full] [--workers N]

The class is `--students` honest submissions of the first notebook (correct, stub and the wrong
answers of its bank, in turn), cut to its first two exercises unless `--full`. Both sides do the
same work: put the assignment in a fresh gradebook (``generate_assignment``) and grade every
submission; nbgrader does the two in turn, the pipeline at once. It also measures the per-notebook overhead: a bare kernel start plus the
setup
cell, against the same in the sandbox. Prints a table and writes benchmarks/results/grading_throughput.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nbformat  # noqa: E402

from autograder.course import cells as C  # noqa: E402
from autograder.course.release import generate  # noqa: E402
from autograder.course.syllabus import syllabus  # noqa: E402
from autograder.course.workspace import make_course_root, run_nbgrader  # noqa: E402
from autograder.grading import pipeline, sandbox, warm_sandbox  # noqa: E402
from autograder.grading.assignment import load_assignment  # noqa: E402
from autograder.grading.execute import execute  # noqa: E402
from autograder.grading.options import Limits, Options  # noqa: E402
from autograder.proof import banks, demo  # noqa: E402
from autograder.proof.contract import bank_submissions, read, run_problems  # noqa: E402


def build_class(root: Path, n: int, full: bool) -> tuple[str, dict[str, nbformat.NotebookNode]]:
    info = next(nb for nb in syllabus(REPO) if nb.source(REPO).is_file())
    name = info.assignment
    src_full = read(info.source(REPO))
    source = src_full if full else demo.trim(src_full, None, 2)[0]
    (root / "course").mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "course" / "nbgrader_config.py", root / "course" / "nbgrader_config.py")
    shutil.copytree(REPO / "source" / name, root / "source" / name, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pt"))
    nbformat.write(source, str(root / "source" / name / f"{name}.ipynb"))
    generate(root, name, root / "release")
    release = read(root / "release" / name / f"{name}.ipynb")
    answers = {C.grade_id(c) for c in source.cells if C.is_answer(c)}
    kept = [w for w in banks.load(REPO, name) if w.cell in answers]   # the wrong answers of the cells kept
    variants = list(bank_submissions(source, release, kept).values())
    return name, {f"student{i:03d}": variants[i % len(variants)] for i in range(n)}


def time_nbgrader(root: Path, name: str, subs: dict) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-nbgrader-") as tmp:
        course = make_course_root(root, [name], Path(tmp))
        for student, nb in subs.items():
            target = course / "course" / "work" / "submitted" / student / name
            target.mkdir(parents=True)
            nbformat.write(nb, str(target / f"{name}.ipynb"))
        start = time.perf_counter()
        run_nbgrader(["generate_assignment", name, "--force"], cwd=course)
        run_nbgrader(["autograde", name, "--force"], cwd=course, timeout=7200)
        return time.perf_counter() - start


def time_pipeline(root: Path, name: str, subs: dict, workers: int, register_first: bool = False) -> tuple[float, list]:
    """Seconds for the pipeline to grade `subs` in a fresh work folder, registration included, and
    the results. `register_first` registers the assignment before grading starts, as the pipeline
    did before it overlapped the two (see registration_overlap.py)."""
    real_register = pipeline.register_assignments
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        course = pipeline.Course(root, Path(tmp))
        for student, nb in subs.items():
            target = course.submitted / student / name
            target.mkdir(parents=True)
            nbformat.write(nb, str(target / f"{name}.ipynb"))
        start = time.perf_counter()
        try:
            if register_first:
                real_register(course, [name], REPO)
                pipeline.register_assignments = lambda *_args, **_kwargs: None
            results = pipeline.grade_class(course, REPO, Options(workers=workers, force=True, progress=False),
                                           [name], log=lambda *_: None)
        finally:
            pipeline.register_assignments = real_register
        return time.perf_counter() - start, results


def time_overheads(root: Path, name: str, repeats: int = 3) -> dict:
    """A bare kernel start plus the setup cell; the same through the sandboxed harness, in a new
    warm sandbox (its zygote's imports included) and in one already warm."""
    from nbclient import NotebookClient

    a = load_assignment(root, name)
    setup = nbformat.v4.new_notebook(cells=[c for c in a.source.cells if C.grade_id(c) == "setup"] or a.source.cells[:1])
    bare, cold, warm = [], [], []
    support = sandbox.probe()
    for _ in range(repeats):
        nb = nbformat.from_dict(json.loads(json.dumps(setup)))
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            env_before = os.environ.pop("NBGRADER_EXECUTION", None)
            NotebookClient(nb, kernel_name="python3", timeout=300, shutdown_kernel="immediate",
                           resources={"metadata": {"path": tmp}}).execute()
            if env_before is not None:
                os.environ["NBGRADER_EXECUTION"] = env_before
        bare.append(time.perf_counter() - start)
    if support.ok:
        with tempfile.TemporaryDirectory(prefix="dqn-", dir="/tmp") as tmp:
            for i in range(repeats + 1):
                start = time.perf_counter()
                box = warm_sandbox.warm_sandbox(a, Limits(), support, Path(tmp))
                run = execute(nbformat.from_dict(json.loads(json.dumps(setup))), a, job_dir=box.root / f"j{i}",
                              tokens={}, limits=Limits(), warm=box, cell_timeout=300,
                              notebook_timeout=600, log_path=Path(tmp) / f"log{i}")
                (warm if i else cold).append(time.perf_counter() - start)
                if run.fault or run_problems(run.nb, "setup"):
                    raise SystemExit(f"the sandboxed setup cell did not run ({run.fault or 'it raised'}): "
                                     "its time would measure a failure, not the sandbox")
            warm_sandbox.close_all()
    return {"bare_kernel_plus_setup_s": min(bare), "new_sandbox_kernel_plus_setup_s": min(cold) if cold else None,
            "warm_sandbox_kernel_plus_setup_s": min(warm) if warm else None}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=12)
    p.add_argument("--full", action="store_true", help="whole notebook instead of its first two exercises")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "grading_throughput.json")
    args = p.parse_args()
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        root = Path(tmp)
        name, subs = build_class(root, args.students, args.full)
        print(f"{len(subs)} submissions of {name} ({'whole notebook' if args.full else 'first two exercises'}), "
              f"{os.cpu_count()} cores, {args.workers} workers")
        overhead = time_overheads(root, name)
        t_nbgrader = time_nbgrader(root, name, subs)
        t_pipeline, results = time_pipeline(root, name, subs, args.workers)
    n = len(subs)
    statuses = sorted({str(r.status) for r in results})
    failed = [f"{r.student}: {r.status_text}" for r in results if r.not_graded]
    if failed:   # a pipeline that graded nothing is fast: no ratio from such a run
        raise SystemExit("the pipeline did not grade every submission, so there is no speed-up to report:\n  "
                         + "\n  ".join(failed[:5]))
    report = {
        "assignment": name, "submissions": n, "whole_notebook": args.full, "cores": os.cpu_count(),
        "workers": args.workers, "load_average_1m": os.getloadavg()[0],
        "nbgrader_sequential_s": round(t_nbgrader, 2), "pipeline_sandboxed_s": round(t_pipeline, 2),
        "nbgrader_s_per_submission": round(t_nbgrader / n, 2), "pipeline_s_per_submission": round(t_pipeline / n, 2),
        "speedup": round(t_nbgrader / t_pipeline, 2), "pipeline_statuses": statuses,
        **{k: (round(v, 2) if v is not None else None) for k, v in overhead.items()},
    }
    print(f"{'':34}{'total s':>10}{'s/submission':>14}")
    print(f"{'nbgrader autograde, sequential':34}{t_nbgrader:>10.1f}{t_nbgrader / n:>14.2f}")
    print(f"{'pipeline, sandboxed, parallel':34}{t_pipeline:>10.1f}{t_pipeline / n:>14.2f}")
    print(f"speed-up: {t_nbgrader / t_pipeline:.2f}x  (budget: >= 1.8x on two cores)")
    print(f"per-notebook overhead: bare kernel + setup cell {report['bare_kernel_plus_setup_s']} s, "
          f"in a new sandbox {report['new_sandbox_kernel_plus_setup_s']} s, in a warm one "
          f"{report['warm_sandbox_kernel_plus_setup_s']} s  (load average {report['load_average_1m']:.1f})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"written to {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")


if __name__ == "__main__":
    main()
