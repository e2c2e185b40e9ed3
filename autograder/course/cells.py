"""Reading nbgrader's cell metadata: which cells are answers, tests, or written answers.

`is_answer`, `is_test` and `is_manual` answer as ``nbgrader.utils.is_solution`` / ``is_grade``
(a fast test compares them on every cell of the course). They are written out here because every
grading worker reads cells, and importing ``nbgrader.utils`` imports nbgrader's server extensions
(1.6 s or more per worker process); they also accept ``"nbgrader": null`` in a student's file.
"""
from __future__ import annotations

import re

from nbformat import NotebookNode

BEGIN_SOLUTION = re.compile(r"^\s*### BEGIN SOLUTION\s*$")
END_SOLUTION = re.compile(r"^\s*### END SOLUTION\s*$")
BEGIN_HIDDEN = re.compile(r"^\s*### BEGIN HIDDEN TESTS\s*$")
END_HIDDEN = re.compile(r"^\s*### END HIDDEN TESTS\s*$")


def nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell: NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_answer(cell: NotebookNode) -> bool:
    """A cell the student writes in (code or markdown)."""
    return bool(nbgrader_meta(cell).get("solution"))


def is_test(cell: NotebookNode) -> bool:
    """An autograded test cell: graded, not written by the student, code."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def is_manual(cell: NotebookNode) -> bool:
    """A written answer graded by hand (graded and written by the student)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and bool(meta.get("solution"))


def points(cell: NotebookNode) -> float:
    return float(nbgrader_meta(cell).get("points", 0) or 0)


def describe(notebook: str, index: int, cell: NotebookNode) -> str:
    """How a message names a cell: the notebook, the cell's position and its grade id or cell id."""
    label = grade_id(cell) or cell.get("id") or "no id"
    return f"{notebook}, cell #{index} ({label})"


def strip_solution_markers(source: str) -> str:
    """The solution as a student who solved the exercise would have typed it: markers removed."""
    lines = [ln for ln in source.splitlines() if not (BEGIN_SOLUTION.match(ln) or END_SOLUTION.match(ln))]
    return "\n".join(lines)
