"""Grade a whole class: find submissions, grade them in parallel sandboxes, record, give feedback.

The parent process is the only one that touches the gradebook, the feedback folder and the grade
records; workers only execute notebooks in sandboxes and return results. Each submission's
result is recorded in ``<work>/grading/<assignment>/<student>.json`` right after the gradebook
is updated, so a re-run skips what is already graded (same submission, same assignment, same
`grading_key`: the grader's code, `helpers` and the options that change a score) and an
interrupted run resumes where it stopped; ``--force`` re-grades.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path

from autograder.grading import export, feedback, sandbox
from autograder.grading import job as grade
from autograder.course.workspace import CONFIG_SHIM, run_nbgrader

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


@dataclass
class Options:
    workers: int = max(1, os.cpu_count() or 1)
    force: bool = False
    sandboxed: bool = True
    limits: sandbox.Limits = sandbox.Limits()
    cell_timeout: float = 120.0
    notebook_timeout: float = 600.0
    progress: bool = True


def register_assignments(course: Course, assignments: list[str], repo: Path) -> None:
    """Put each assignment's cells into the gradebook with the real ``nbgrader generate_assignment``
    (run in a throw-away course whose database is this course's gradebook)."""
    course.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dqn-register-") as tmp:
        root = Path(tmp)
        for name in assignments:
            shutil.copytree(course.root / "source" / name, root / "source" / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        (root / "nbgrader_config.py").write_text(CONFIG_SHIM.format(
            course_config=str(repo / "course" / "nbgrader_config.py"), root=str(root), db_url=course.db_url))
        for name in assignments:
            run_nbgrader(["generate_assignment", name, "--force"], cwd=root, timeout=600)


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


def _record_path(course: Course, student: str, assignment: str) -> Path:
    return course.records / assignment / f"{student}.json"


def grader_files() -> dict[str, Path]:
    """The code that grades, by a stable name: the autograder package's .py files (the harness
    included) as this process runs them, and every file of the `helpers` package that the kernel,
    started as ``python -I``, imports (the installed copy, not a checkout's)."""
    package = Path(__file__).resolve().parents[1]
    files = {f"autograder/{p.relative_to(package).as_posix()}": p for p in sorted(package.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts}
    files["autograder/grading/harness.py"] = sandbox.HARNESS.resolve()
    proc = subprocess.run([sys.executable, "-I", "-c", "import importlib.util as u; s = u.find_spec('helpers'); "
                           "print(s.origin if s and s.origin else '')"], capture_output=True, text=True, timeout=120)
    origin = proc.stdout.strip()
    if origin:
        top = Path(origin).resolve().parent
        for p in sorted(top.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                files[f"helpers/{p.relative_to(top).as_posix()}"] = p
    return files


def grading_key(opts: Options, files: dict[str, Path] | None = None) -> str:
    """What a kept result must have been graded with to be kept: a hash of the grader's code and
    `helpers` (`grader_files`) and of the options that change a score (limits, time limits,
    sandbox on or off; not workers or --force). Computed once per run, recorded with each result."""
    h = hashlib.sha256()
    for name, path in sorted((grader_files() if files is None else files).items()):
        h.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    h.update(json.dumps({"limits": asdict(opts.limits), "cell_timeout": opts.cell_timeout,
                         "notebook_timeout": opts.notebook_timeout, "sandboxed": opts.sandboxed},
                        sort_keys=True).encode())
    return h.hexdigest()


def _up_to_date(course: Course, student: str, assignment: str, a: grade.Assignment, key: str) -> grade.Result | None:
    path = _record_path(course, student, assignment)
    if not path.is_file():
        return None
    try:
        old = grade.Result.from_json(json.loads(path.read_text()))
    except (ValueError, TypeError, KeyError):
        return None
    sha = grade.submission_sha(course.submitted / student / assignment, assignment)
    if old.submission_sha == sha and old.source_sha == a.source_sha and old.version == key:
        return old
    return None


def record(gb, course: Course, result: grade.Result, a: grade.Assignment) -> None:
    """Write one result into nbgrader's gradebook (re-grading overwrites; manual scores are kept)."""
    import warnings

    from nbgrader.api import MissingEntry

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # nbgrader's add_submission makes SQLAlchemy chatter
        _record(gb, course, result, a, MissingEntry)


def _record(gb, course: Course, result: grade.Result, a: grade.Assignment, MissingEntry) -> None:
    gb.update_or_create_student(result.student)
    try:
        gb.find_submission(a.name, result.student)
    except MissingEntry:
        ts_file = course.submitted / result.student / a.name / "timestamp.txt"
        timestamp = None
        if ts_file.is_file():
            try:
                from dateutil.parser import parse

                timestamp = parse(ts_file.read_text().strip())
            except Exception:  # noqa: BLE001 -- a bad timestamp is not worth failing a grade over
                timestamp = None
        gb.add_submission(a.name, result.student, **({"timestamp": timestamp} if timestamp else {}))
    nb = gb.find_submission_notebook(a.name, a.name, result.student)
    tests = {t.grade_id: t for t in result.tests}
    not_graded = result.status.startswith("not graded")
    flagged = bool(result.flags)
    for g in nb.grades:
        t = tests.get(g.name)
        if t is None:
            continue
        if t.verdict == "not run" and not_graded:
            g.auto_score = None          # never a silent 0: nbgrader shows it as needing a grade
            g.needs_manual_grade = True
        else:
            g.auto_score = t.score
            g.needs_manual_grade = flagged
    gb.db.commit()


def _write_record(course: Course, result: grade.Result) -> None:
    path = _record_path(course, result.student, result.assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result.to_json(), indent=1))
    os.replace(tmp, path)


def grade_class(course: Course, repo: Path, opts: Options, assignments: list[str] | None = None,
                students: list[str] | None = None, log=print) -> list[grade.Result]:
    """Grade every submission found; returns every result (fresh and reused)."""
    import nbformat
    from nbgrader.api import Gradebook
    from tqdm.auto import tqdm

    pairs = discover(course, assignments, students)
    names = sorted({a for _, a in pairs})
    missing = [n for n in names if not (course.root / "source" / n / f"{n}.ipynb").is_file()]
    for n in missing:
        log(f"skipping submissions for `{n}`: source/{n}/{n}.ipynb does not exist")
    names = [n for n in names if n not in missing]
    pairs = [p for p in pairs if p[1] in names]
    if not pairs:
        log(f"No submissions found in {course.submitted} (layout: submitted/<student>/<assignment>/<assignment>.ipynb).")
        return []
    support = sandbox.probe() if opts.sandboxed else None
    if support is not None and not support.ok:
        raise SystemExit(f"Cannot sandbox student code on this machine: {support.reason}.\n"
                         "Refusing to run students' code with your permissions. If you accept that risk "
                         "(for instance inside a disposable VM), pass --no-sandbox.")
    loaded = {n: grade.load_assignment(course.root, n) for n in names}
    key = grading_key(opts)
    results: dict[tuple[str, str], grade.Result] = {}
    todo = []
    for student, name in pairs:
        old = None if opts.force else _up_to_date(course, student, name, loaded[name], key)
        if old is not None:
            results[(student, name)] = old
        else:
            todo.append((student, name))
    if results:
        log(f"{len(results)} submission(s) already graded and unchanged: kept (use --force to re-grade).")
    run_dir = Path(tempfile.mkdtemp(prefix="dqn-grade-", dir="/tmp"))
    jobs = {}
    for student, name in todo:
        jobs[(student, name)] = grade.Job(
            student, name, str(course.submitted / student / name), str(run_dir),
            str(course.autograded / student / name), opts.limits, support is not None,
            str(support.pids_cgroup) if support is not None and support.pids_cgroup else None,
            opts.cell_timeout, opts.notebook_timeout)
    bar = tqdm(total=len(todo), desc="grading", unit="notebook", disable=not opts.progress or not todo,
               file=sys.stderr, dynamic_ncols=True)
    interrupted = failed = False
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=max(1, min(opts.workers, len(todo) or 1)), mp_context=ctx)
    try:
        pending = {pool.submit(grade.grade_job, str(course.root), job): key for key, job in jobs.items()}
        # Workers never touch the gradebook, so the first submissions are graded while nbgrader
        # registers the assignments; results are recorded only once it has.
        register_assignments(course, names, repo)
        with Gradebook(course.db_url) as gb:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    student, name = pending.pop(fut)
                    try:
                        result = fut.result()
                    except Exception as err:  # noqa: BLE001 -- a worker crash is one student's status
                        a = loaded[name]
                        result = grade.Result(student, name, f"not graded: the grader failed ({type(err).__name__}: {str(err)[:150]})",
                                              0.0, a.max_score, a.auto_max,
                                              tests=[grade.TestResult(g, p, 0.0, "not run", "not run") for g, p in a.tests.items()],
                                              submission_sha="", source_sha=a.source_sha)
                    a = loaded[name]
                    result.version = key
                    record(gb, course, result, a)
                    graded_path = course.autograded / student / name / a.filename
                    graded_nb = nbformat.read(str(graded_path), as_version=4) if graded_path.is_file() and not result.status.startswith("not graded: missing") and not result.status.startswith("not graded: invalid") else None
                    feedback.write(result, graded_nb, a, course.feedback)
                    _write_record(course, result)
                    results[(student, name)] = result
                    bar.update(1)
                    bar.set_postfix_str(f"{student}: {result.status.split(':')[0]}", refresh=False)
    except KeyboardInterrupt:
        interrupted = True
        pool.shutdown(wait=False, cancel_futures=True)
        raise SystemExit(f"\nInterrupted: {len(results)} of {len(pairs)} submissions are graded and recorded. "
                         "Run the same command again to resume.")
    except BaseException:
        failed = True           # registration or the gradebook failed: grade nothing more
        raise
    finally:
        bar.close()
        if not interrupted:
            pool.shutdown(wait=True, cancel_futures=failed)
        shutil.rmtree(run_dir, ignore_errors=True)
    out = [results[p] for p in pairs if p in results]
    export.write(out, course.work, course.db_url)
    return out


def summary_table(results: list[grade.Result], course: Course) -> str:
    """The table printed at the end: one line per submission, then the class's weakest exercises."""
    rows = export.rows(results, export.gradebook_scores(course.db_url, results) if course.gradebook.exists() else None)
    w_student = max([7] + [len(r["student"]) for r in rows])
    w_assign = max([10] + [len(r["assignment"]) for r in rows])
    lines = [f"{'student':<{w_student}}  {'assignment':<{w_assign}}  {'score':>11}  status",
             f"{'-' * w_student}  {'-' * w_assign}  {'-' * 11}  {'-' * 40}"]
    for r in rows:
        status = r["status"] if len(r["status"]) <= 110 else r["status"][:107] + "..."
        lines.append(f"{r['student']:<{w_student}}  {r['assignment']:<{w_assign}}  {(r['score'] or '-') + ' / ' + r['max_score']:>11}  {status}")
    counts = {}
    for r in rows:
        key = r["status"].split(":")[0]
        counts[key] = counts.get(key, 0) + 1
    lines.append("")
    lines.append("  ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    worst = [e for e in export.exercise_summary(results) if e["failed"]][:5]
    if worst:
        lines.append("")
        lines.append("Exercises the class failed most:")
        for e in worst:
            lines.append(f"  {e['assignment']} {e['exercise']}: failed by {e['failed']} of {e['graded']}"
                         + (f" -- most common: {e['most_common_hint']}" if e["most_common_hint"] else ""))
    return "\n".join(lines)
