"""Grade one submission (runs in a worker process): the steps, in order.

1. **read** it (`restore.find_notebook`, `restore.read_submission`: invalid JSON or a missing
   notebook become a status, never a crash);
2. **restore** it against source/ (`restore.restore`);
3. **review** the code the student wrote for means of tampering with the grader (`review`: flags,
   not scores);
4. **execute** it in the sandbox with the harness kernel (`execute`);
5. **score** in the parent's terms (`score`): a test earns its points only with no error and its
   token; kernel death, timeouts and memory exhaustion become the status.

Nothing in here writes the gradebook, feedback or records: the pipeline does, in the parent only.
"""
from __future__ import annotations

import hashlib
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.grading import sandbox, warm_sandbox
from autograder.grading.assignment import Assignment, load_assignment
from autograder.grading.execute import execute
from autograder.grading.options import Limits
from autograder.grading.restore import NotGradable, find_notebook, read_submission, restore
from autograder.grading.result import WRITTEN_ANSWERS, Result, Status, TestResult, Verdict
from autograder.grading.review import review
from autograder.grading.score import memory_notes, score


@dataclass(frozen=True, kw_only=True)
class Job:
    """One submission to grade, with everything a worker needs (picklable)."""

    student: str
    assignment: str
    folder: str                 # the student's submitted/<student>/<assignment>/ folder
    run_dir: str                # where the job's folder and kernel log go (removed after the run)
    autograded: str             # where to write the executed notebook
    limits: Limits
    sandboxed: bool
    pids_cgroup: str | None
    cell_timeout: float
    notebook_timeout: float


_ASSIGNMENTS: dict[str, Assignment] = {}


def _assignment(repo: Path, name: str) -> Assignment:
    """Each assignment read once per worker process."""
    if name not in _ASSIGNMENTS:
        _ASSIGNMENTS[name] = load_assignment(repo, name)
    return _ASSIGNMENTS[name]


def submission_sha(folder: Path, assignment: str) -> str:
    """A digest of the notebook that would be graded (part of the cache: a new one is graded again)."""
    h = hashlib.sha256()
    try:
        path, _ = find_notebook(folder, assignment)
        h.update(path.name.encode())
        h.update(path.read_bytes())
    except (NotGradable, OSError):
        h.update(b"<none>")
    return h.hexdigest()


def not_run(a: Assignment, message: str) -> list[TestResult]:
    """Every test of `a`, not run, with `message`."""
    return [TestResult(g, p, 0.0, Verdict.NOT_RUN, message) for g, p in a.tests.items()]


def grade_job(repo: str, job: Job) -> Result:
    """Grade one submission. Never raises: every failure is a status with a reason."""
    a = _assignment(Path(repo), job.assignment)
    folder = Path(job.folder)
    res = Result(student=job.student, assignment=job.assignment, max_score=a.max_score, auto_max=a.auto_max,
                 source_sha=a.source_sha, submission_sha=submission_sha(folder, job.assignment))
    start = time.monotonic()
    try:
        path, notes = find_notebook(folder, job.assignment)
        res.notes += notes
        restored, notes = restore(read_submission(path), a)
        res.notes += notes
    except NotGradable as err:
        res.status, res.reason = Status.NOT_GRADED, str(err)
        res.tests = not_run(a, str(err))
        res.seconds = time.monotonic() - start
        return res
    res.flags += review(restored, a)
    tokens = {gid: secrets.token_hex(16) for gid in a.tests}
    job_dir = Path(job.run_dir) / f"j-{secrets.token_hex(4)}"
    try:
        warm = None
        if job.sandboxed:
            support = sandbox.Support(True, "", Path(job.pids_cgroup) if job.pids_cgroup else None)
            warm = warm_sandbox.warm_sandbox(a, job.limits, support, Path(job.run_dir))
            job_dir = warm.root / job_dir.name
        ex = execute(restored, a, job_dir=job_dir, tokens=tokens, limits=job.limits, warm=warm,
                     cell_timeout=job.cell_timeout, notebook_timeout=job.notebook_timeout,
                     log_path=Path(job.run_dir) / f"{job_dir.name}.log")
    except Exception as err:  # noqa: BLE001 -- a grader fault is reported per student, not a crashed batch
        res.status = Status.NOT_GRADED
        res.reason = f"the grader could not run this notebook ({type(err).__name__}: {str(err)[:200]})"
        res.tests = not_run(a, "not run")
        res.seconds = time.monotonic() - start
        return res
    finally:
        shutil.rmtree(job_dir, ignore_errors=True)
    tests, flags, graded = score(ex, restored, a, tokens)
    res.tests, res.flags = tests, res.flags + flags
    res.score = sum(t.score for t in tests)
    memory = None if ex.fault else memory_notes(graded)
    if ex.fault:
        done = sum(1 for t in tests if t.verdict is not Verdict.NOT_RUN)
        res.status = Status.NOT_GRADED
        res.reason = ex.fault + (f"; only the {done} test(s) before it were scored" if done else "")
    elif memory:
        res.status, res.reason = Status.NOT_GRADED, f"{memory} (limit {job.limits.memory_mb} MiB)"
    elif res.flags:
        res.status = Status.NEEDS_MANUAL
        res.reason = "possible tampering with the grader (" + "; ".join(res.flags[:3]) + ")"
    elif a.manual:
        res.status, res.reason = Status.NEEDS_MANUAL, f"{WRITTEN_ANSWERS} (" + ", ".join(a.manual) + ")"
    out = Path(job.autograded)
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(graded, str(out / a.filename))
    res.seconds = time.monotonic() - start
    return res
