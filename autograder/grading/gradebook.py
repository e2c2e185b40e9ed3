"""nbgrader's gradebook, written by the parent process only: the assignments registered with the
real ``nbgrader generate_assignment``, and each result's scores recorded against them."""
from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

from autograder.course.workspace import CONFIG_SHIM, run_nbgrader
from autograder.grading.assignment import Assignment
from autograder.grading.result import Result, Verdict


def register_assignments(root: Path, work: Path, db_url: str, assignments: list[str], repo: Path) -> None:
    """Put each assignment's cells into the gradebook at `db_url` with the real
    ``nbgrader generate_assignment`` (run in a throw-away course whose database is that gradebook)."""
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dqn-register-") as tmp:
        course = Path(tmp)
        for name in assignments:
            shutil.copytree(root / "source" / name, course / "source" / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        (course / "nbgrader_config.py").write_text(CONFIG_SHIM.format(
            course_config=str(repo / "course" / "nbgrader_config.py"), root=str(course), db_url=db_url))
        for name in assignments:
            run_nbgrader(["generate_assignment", name, "--force"], cwd=course, timeout=600)


def record(gb, submitted: Path, result: Result, a: Assignment) -> None:
    """Write one result into nbgrader's gradebook (re-grading overwrites; manual scores are kept)."""
    from nbgrader.api import MissingEntry

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # nbgrader's add_submission makes SQLAlchemy chatter
        gb.update_or_create_student(result.student)
        try:
            gb.find_submission(a.name, result.student)
        except MissingEntry:
            timestamp = _timestamp(submitted / result.student / a.name / "timestamp.txt")
            gb.add_submission(a.name, result.student, **({"timestamp": timestamp} if timestamp else {}))
        nb = gb.find_submission_notebook(a.name, a.name, result.student)
        tests = {t.grade_id: t for t in result.tests}
        flagged = bool(result.flags)
        for g in nb.grades:
            t = tests.get(g.name)
            if t is None:
                continue
            if t.verdict is Verdict.NOT_RUN and result.not_graded:
                g.auto_score = None          # never a silent 0: nbgrader shows it as needing a grade
                g.needs_manual_grade = True
            else:
                g.auto_score = t.score
                g.needs_manual_grade = flagged
        gb.db.commit()


def _timestamp(path: Path):
    """nbgrader's timestamp.txt, parsed; None when absent or unreadable."""
    if not path.is_file():
        return None
    try:
        from dateutil.parser import parse

        return parse(path.read_text().strip())
    except Exception:  # noqa: BLE001 -- a bad timestamp is not worth failing a grade over
        return None
