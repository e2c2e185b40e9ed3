"""A written answer graded by hand in formgrader reaches grades.csv (through nbgrader's real gradebook)."""
from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest

from autograder.grading.result import WRITTEN_ANSWERS, Result, Status, TestResult, Verdict


@pytest.mark.fast
def test_a_manual_grade_in_the_gradebook_reaches_grades_csv(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")  # nbgrader runs alembic
    from autograder.grading import export

    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url) as gb:        # what the grader records, then formgrader's manual score
        gb.add_assignment("t01")
        gb.add_notebook("t01", "t01")
        gb.add_grade_cell("test_0", "t01", "t01", max_score=1, cell_type="code")
        gb.add_grade_cell("why", "t01", "t01", max_score=2, cell_type="markdown")
        for student in ("ann", "ben"):
            gb.add_student(student)
            gb.add_submission("t01", student)
            test = gb.find_grade("test_0", "t01", "t01", student)
            test.auto_score, test.needs_manual_grade = 1.0, False
            gb.find_grade("why", "t01", "t01", student).needs_manual_grade = True
        written = gb.find_grade("why", "t01", "t01", "ann")      # as formgrader's PUT /formgrader/api/grade/<id>
        written.manual_score, written.needs_manual_grade = 1.5, False
        gb.db.commit()
    results = [Result(student=s, assignment="t01", status=Status.NEEDS_MANUAL, reason=f"{WRITTEN_ANSWERS} (why)",
                      score=1.0, max_score=3.0, auto_max=1.0,
                      tests=[TestResult("test_0", 1.0, 1.0, Verdict.PASSED, "")]) for s in ("ann", "ben")]
    grades, _ = export.write(results, tmp_path, url)
    rows = {r["student"]: r for r in csv.DictReader(grades.open())}
    assert (rows["ann"]["score"], rows["ann"]["status"]) == ("2.5", "graded")
    assert rows["ben"]["score"] == "1" and rows["ben"]["status"].startswith("needs manual grading")
