"""Grade a whole class: find submissions, grade them in parallel sandboxes, record, give feedback.

The parent process is the only one that touches the gradebook, the feedback folder and the grade
records; workers only execute notebooks in sandboxes and return results (`job.grade_job`), in a
local process pool or, with ``--scheduler``, on a Dask cluster (`cluster`: the job goes out as
data, the result and the executed notebook come back; a worker's failure is an infrastructure
status, graded again by the next run). A
result already recorded is kept when nothing that decides it changed (`cache`), so a re-run is
idempotent and an interrupted run resumes where it stopped; ``--force`` re-grades.

`grade_class` reads as its steps: `discover` the submissions, keep the `_kept` ones, make the
`_jobs`, run them in `_grade_in_pool` (where each result is `_recorded`: gradebook, feedback,
record), then export.
"""
from __future__ import annotations

import multiprocessing
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from autograder.grading import cache, cluster, export, feedback, sandbox
from autograder.grading.assignment import Assignment, load_assignment
from autograder.grading.gradebook import record, register_assignments
from autograder.grading.job import Job, grade_job, not_run, submission_sha
from autograder.grading.options import Options
from autograder.grading.result import Result

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$")


@dataclass(frozen=True)
class Course:
    """Where a course's notebooks are (`root`: source/ and release/) and where grading writes (`work`)."""

    root: Path
    work: Path

    @property
    def submitted(self) -> Path:
        return self.work / "submitted"

    @property
    def autograded(self) -> Path:
        return self.work / "autograded"

    @property
    def feedback(self) -> Path:
        return self.work / "feedback"

    @property
    def records(self) -> Path:
        return self.work / "grading"

    @property
    def gradebook(self) -> Path:
        return self.work / "gradebook.db"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.gradebook}?timeout=60"


def discover(course: Course, assignments: list[str] | None = None, students: list[str] | None = None) -> list[tuple[str, str]]:
    """(student, assignment) for every folder ``submitted/<student>/<assignment>/``, sorted, once each."""
    found = set()
    if not course.submitted.is_dir():
        return []
    for sdir in sorted(course.submitted.iterdir()):
        if not sdir.is_dir() or not STUDENT_ID.match(sdir.name) or (students and sdir.name not in students):
            continue
        for adir in sorted(sdir.iterdir()):
            if adir.is_dir() and (assignments is None or adir.name in assignments):
                found.add((sdir.name, adir.name))
    return sorted(found)


def _with_source(course: Course, pairs: list[tuple[str, str]], log: Callable) -> list[tuple[str, str]]:
    """`pairs` whose assignment has a source notebook; the others are skipped with a message."""
    names = sorted({a for _, a in pairs})
    missing = [n for n in names if not (course.root / "source" / n / f"{n}.ipynb").is_file()]
    for n in missing:
        log(f"skipping submissions for `{n}`: source/{n}/{n}.ipynb does not exist")
    return [p for p in pairs if p[1] not in missing]


def _support(opts: Options) -> sandbox.Support | None:
    """The machine's sandbox, or None with --no-sandbox; refuses to go on without one otherwise."""
    support = sandbox.probe() if opts.sandboxed else None
    if support is not None and not support.ok:
        raise SystemExit(f"Cannot sandbox student code on this machine: {support.reason}.\n"
                         "Refusing to run students' code with your permissions. If you accept that risk "
                         "(for instance inside a disposable VM), pass --no-sandbox.")
    return support


def _kept(course: Course, pairs: list[tuple[str, str]], loaded: dict[str, Assignment], key: str,
          force: bool) -> tuple[dict[tuple[str, str], Result], list[tuple[str, str]]]:
    """The results still valid (`cache.up_to_date`), and the submissions to grade."""
    results: dict[tuple[str, str], Result] = {}
    todo = []
    for student, name in pairs:
        old = None if force else cache.up_to_date(course.records, course.submitted, student, name, loaded[name], key)
        if old is not None and not old.infrastructure:     # a lost worker's job is graded again
            results[(student, name)] = old
        else:
            todo.append((student, name))
    return results, todo


def _jobs(course: Course, todo: list[tuple[str, str]], run_dir: Path, opts: Options,
          support: sandbox.Support | None) -> dict[tuple[str, str], Job]:
    pids = str(support.pids_cgroup) if support is not None and support.pids_cgroup else None
    return {(student, name): Job(student=student, assignment=name, folder=str(course.submitted / student / name),
                                 run_dir=str(run_dir), autograded=str(course.autograded / student / name),
                                 limits=opts.limits, sandboxed=support is not None, pids_cgroup=pids,
                                 cell_timeout=opts.cell_timeout, notebook_timeout=opts.notebook_timeout)
            for student, name in todo}


def _crashed(student: str, a: Assignment, err: BaseException) -> Result:
    """The result of a job whose worker failed (a crashed process, a lost machine): one student's
    status, not a failed class, and not kept by the next run (`Result.infrastructure`)."""
    return cluster.infrastructure(student, a.name, f"{type(err).__name__}: {str(err)[:150]}", max_score=a.max_score,
                                  auto_max=a.auto_max, tests=not_run(a, "not run"), source_sha=a.source_sha)


def _recorded(gb, course: Course, result: Result, a: Assignment, key: str) -> None:
    """Everything the parent writes for one result: the gradebook, the feedback, the record."""
    import nbformat

    result.version = key
    record(gb, course.submitted, result, a)
    graded_path = course.autograded / result.student / a.name / a.filename
    graded_nb = nbformat.read(str(graded_path), as_version=4) if graded_path.is_file() and not result.unreadable else None
    feedback.write(result, graded_nb, a, course.feedback)
    cache.write_record(course.records, result)


def _received(course: Course, graded: cluster.Graded, a: Assignment, job: Job) -> Result:
    """A worker's `Graded` as the local pool's result: the executed notebook written by the parent,
    the submission's digest the parent's (what the next run compares), a foreign course refused."""
    result = graded.result
    result.submission_sha = submission_sha(Path(job.folder), job.assignment)
    if graded.notebook is not None:
        out = Path(job.autograded)
        out.mkdir(parents=True, exist_ok=True)
        (out / a.filename).write_bytes(graded.notebook)
    return result


def _start(course: Course, opts: Options, pool, job: Job, a: Assignment, key: str):
    if opts.scheduler is None:
        return pool.submit(grade_job, str(course.root), job)
    parcel = cluster.pack(Path(job.folder), job.student, job.assignment, opts, key, a.source_sha, course.root)
    return pool.submit(cluster.grade_parcel, parcel)


@contextmanager
def _executor(opts: Options, jobs: int, log: Callable):
    """The process pool (the default), or a Dask cluster's executor with ``--scheduler``."""
    if opts.scheduler is not None:
        with cluster.connect(opts.scheduler, opts.workers, log) as ex:
            yield ex
        return
    yield ProcessPoolExecutor(max_workers=max(1, min(opts.workers, jobs or 1)), mp_context=multiprocessing.get_context("spawn"))


def _shutdown(pool, wait: bool, cancel: bool) -> None:
    if isinstance(pool, ProcessPoolExecutor):
        pool.shutdown(wait=wait, cancel_futures=cancel)
    else:                       # Dask's executor: shutdown(wait=False) cancels what is left
        pool.shutdown(wait=wait and not cancel)


def _grade_in_pool(course: Course, repo: Path, jobs: dict[tuple[str, str], Job], loaded: dict[str, Assignment],
                   key: str, opts: Options, results: dict[tuple[str, str], Result], total: int,
                   log: Callable = print) -> None:
    """Grade `jobs` one per worker process (or Dask worker), recording each result into `results` as it comes."""
    from nbgrader.api import Gradebook
    from tqdm.auto import tqdm

    if not jobs:
        register_assignments(course.root, course.work, course.db_url, sorted(loaded), repo)
        return
    bar = tqdm(total=len(jobs), desc="grading", unit="notebook", disable=not opts.progress or not jobs,
               file=sys.stderr, dynamic_ncols=True)
    interrupted = failed = False
    with _executor(opts, len(jobs), log) as pool:
        try:
            pending = {_start(course, opts, pool, job, loaded[pair[1]], key): pair for pair, job in jobs.items()}
            # Workers never touch the gradebook, so the first submissions are graded while nbgrader
            # registers the assignments; results are recorded only once it has.
            register_assignments(course.root, course.work, course.db_url, sorted(loaded), repo)
            with Gradebook(course.db_url) as gb:
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        student, name = pending.pop(fut)
                        try:
                            got = fut.result()
                            result = got if isinstance(got, Result) else _received(course, got, loaded[name], jobs[(student, name)])
                        except Exception as err:  # noqa: BLE001 -- a worker crash is one student's status
                            result = _crashed(student, loaded[name], err)
                        _recorded(gb, course, result, loaded[name], key)
                        results[(student, name)] = result
                        bar.update(1)
                        bar.set_postfix_str(f"{student}: {result.status}", refresh=False)
        except KeyboardInterrupt:
            interrupted = True
            _shutdown(pool, wait=False, cancel=True)
            raise SystemExit(f"\nInterrupted: {len(results)} of {total} submissions are graded and recorded. "
                             "Run the same command again to resume.") from None
        except BaseException:
            failed = True           # registration or the gradebook failed: grade nothing more
            raise
        finally:
            bar.close()
            if not interrupted:
                _shutdown(pool, wait=True, cancel=failed)


def grade_class(course: Course, repo: Path, opts: Options, assignments: list[str] | None = None,
                students: list[str] | None = None, log: Callable = print) -> list[Result]:
    """Grade every submission found; returns every result (fresh and reused)."""
    pairs = _with_source(course, discover(course, assignments, students), log)
    if not pairs:
        log(f"No submissions found in {course.submitted} (layout: submitted/<student>/<assignment>/<assignment>.ipynb).")
        return []
    support = _support(opts)
    loaded = {n: load_assignment(course.root, n) for n in sorted({a for _, a in pairs})}
    key = cache.grading_key(opts)
    results, todo = _kept(course, pairs, loaded, key, opts.force)
    if results:
        log(f"{len(results)} submission(s) already graded and unchanged: kept (use --force to re-grade).")
    run_dir = Path(tempfile.mkdtemp(prefix="dqn-grade-", dir="/tmp"))
    try:
        _grade_in_pool(course, repo, _jobs(course, todo, run_dir, opts, support), loaded, key, opts, results, len(pairs), log)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
    out = [results[p] for p in pairs if p in results]
    export.write(out, course.work, course.db_url)
    return out


def summary_table(results: list[Result], course: Course) -> str:
    """The table printed at the end (`export.table`), with the gradebook's scores where it exists."""
    return export.table(results, course.db_url if course.gradebook.exists() else None)
