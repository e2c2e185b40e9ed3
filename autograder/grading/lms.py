"""What a learning management system (LMS) hands in and takes back: file names, a roster, a gradebook.

- `CANVAS`: the names Canvas gives files in "Download Submissions" (`name_pattern`);
- `Roster`: the course's ``roster.csv``, which maps LMS ids to nbgrader student ids and holds what
  an LMS gradebook import needs (`read_roster`);
- `write_canvas_gradebook`: the grades as a CSV that Canvas's gradebook imports.

The roster is a CSV file with a header row. Two columns are required, the others are optional:

    lms_id,student,name,sis_user_id,sis_login_id,section
    12345,jsmith,"Smith, Jane",S001,jsmith@uni.edu,Section A

``lms_id`` is the LMS's user id (Canvas: the number after the name in a download's file names, the
``ID`` column of its gradebook export); ``student`` is the nbgrader student id the course uses.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# smithjane_12345_6789012_01_training_loop.ipynb, smithjane_LATE_12345_6789012_01_training_loop-1.ipynb:
# Canvas's name (letters and digits only), LATE when handed in after the due date, the Canvas user
# id, the submission id, the file name the student uploaded, and `-N` when a student uploaded again.
CANVAS = re.compile(r"(?P<student>[a-z0-9]+)(?P<late>_LATE)?_(?P<lms_id>\d+)_(?P<submission>\d+)_"
                    r"(?P<original>.+?)(?:-(?P<attempt>\d+))?\.ipynb")

ROSTER_COLUMNS = ("lms_id", "student")
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def name_pattern(pattern: str | None) -> re.Pattern[str]:
    """The file-name pattern: `pattern` compiled (it must have a named group ``student``; ``attempt``
    and ``lms_id`` are optional), or Canvas's when None."""
    if pattern is None:
        return CANVAS
    try:
        compiled = re.compile(pattern)
    except re.error as err:
        raise SystemExit(f"--pattern {pattern!r} is not a regular expression: {err}") from None
    if "student" not in compiled.groupindex:
        raise SystemExit(f"--pattern {pattern!r} has no named group `student`, e.g. (?P<student>[a-z]+)_.*\\.ipynb")
    return compiled


@dataclass(frozen=True)
class Member:
    """One roster row."""

    lms_id: str
    student: str
    name: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""


@dataclass(frozen=True)
class Roster:
    """The roster's rows, by LMS id and by student id."""

    members: tuple[Member, ...]

    def by_lms_id(self) -> dict[str, Member]:
        return {m.lms_id: m for m in self.members}

    def by_student(self) -> dict[str, Member]:
        return {m.student: m for m in self.members}


def read_roster(path: Path) -> Roster:
    """Read ``roster.csv`` (see the module's docstring); one message naming the line for any fault."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise SystemExit(f"cannot read the roster {path}: {err.strerror}") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ROSTER_COLUMNS if c not in header]
    if missing:
        raise SystemExit(f"the roster {path} lacks the column(s) {', '.join(missing)} "
                         f"(its header must name at least: {','.join(ROSTER_COLUMNS)})")
    members, lms_ids, students = [], set(), set()
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if isinstance(v, str) or v is None}
        if not any(row.values()):
            continue
        member = Member(**{f: row.get(f, "") for f in Member.__dataclass_fields__})
        if not member.lms_id or not member.student:
            raise SystemExit(f"{path}, line {line}: both lms_id and student are needed")
        if member.lms_id in lms_ids or member.student in students:
            raise SystemExit(f"{path}, line {line}: lms_id {member.lms_id} or student {member.student} appears twice")
        lms_ids.add(member.lms_id)
        students.add(member.student)
        members.append(member)
    return Roster(tuple(members))


def write_canvas_gradebook(path: Path, rows: Iterable[dict], roster: Roster, assignments: list[str],
                           points: dict[str, float] | None = None) -> list[str]:
    """Write `rows` (grades.csv's: student, assignment, score) as a CSV Canvas's gradebook imports.

    Columns: ``Student, ID, SIS User ID, SIS Login ID, Section`` and one per assignment (named as in
    the syllabus: the Canvas assignment must have that name, or Canvas asks which it is). A score
    that is empty (not graded) stays empty, so Canvas leaves the grade alone instead of recording 0.
    With `points`, a "Points Possible" row follows the header. Returns the students graded here but
    not in the roster (they are not written: Canvas could not place them).
    """
    scores: dict[str, dict[str, str]] = {}
    for r in rows:
        scores.setdefault(r["student"], {})[r["assignment"]] = r["score"]
    members = roster.by_student()
    unknown = sorted(s for s in scores if s not in members)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(CANVAS_FIXED + assignments)
        if points:
            w.writerow(["Points Possible", "", "", "", ""] + [f"{points[a]:g}" if a in points else "" for a in assignments])
        for m in sorted(roster.members, key=lambda m: (m.name or m.student).lower()):
            own = scores.get(m.student, {})
            w.writerow([m.name or m.student, m.lms_id, m.sis_user_id, m.sis_login_id, m.section]
                       + [own.get(a, "") for a in assignments])
    return unknown
