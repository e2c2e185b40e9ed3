"""Grading mode: nbgrader sets NBGRADER_EXECUTION while it validates or autogrades a notebook.

Long work (training for minutes) is shortened in grading mode, never skipped: the shortened run
still goes through the student's code, and the tests check it with a stated margin.
"""
from __future__ import annotations

import os
from typing import TypeVar

T = TypeVar("T")


def grading_mode() -> str | None:
    """Return ``"autograde"`` or ``"validate"`` while nbgrader runs the notebook, else ``None``."""
    value = os.environ.get("NBGRADER_EXECUTION", "").strip()
    return value or None


def in_grading_mode() -> bool:
    """True while nbgrader validates or autogrades this notebook."""
    return grading_mode() is not None


def budget(full: T, grading: T) -> T:
    """Pick the full-length value normally and the short one under grading mode.

    >>> n_epochs = budget(full=200, grading=20)
    """
    return grading if in_grading_mode() else full
