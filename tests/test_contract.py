"""The grading contract of DESIGN.md, for every notebook of the syllabus.

Each failure names the notebook and the cell at fault. Executions are shared through
session-scoped caches, so each notebook is run once per mode.
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from autograder import bank, contract
from autograder import cells as C
from autograder.course import Notebook, syllabus
from tests.conftest import REPO


def _report(problems: list[contract.Problem]) -> str:
    return "\n\n".join(str(p) for p in problems)


def _label(path: Path) -> str:
    return str(path.relative_to(REPO))


def test_source_exists(notebook: Notebook) -> None:
    assert notebook.source(REPO).is_file(), f"{_label(notebook.source(REPO))} is in the syllabus but not written"


def test_hygiene(notebook: Notebook) -> None:
    """6. No outputs or execution counts, metadata intact, cell ids, unique grade ids."""
    problems = contract.hygiene_problems(notebook.source(REPO), _label(notebook.source(REPO)), is_release=False)
    if notebook.release(REPO).is_file():
        problems += contract.hygiene_problems(notebook.release(REPO), _label(notebook.release(REPO)), is_release=True)
    assert not problems, _report(problems)


def test_points_match_syllabus(notebook: Notebook) -> None:
    nb = contract.read(notebook.source(REPO))
    total = sum(C.points(c) for c in nb.cells if C.is_test(c) or C.is_manual(c))
    assert total > 0, f"{_label(notebook.source(REPO))} has no graded cells"
    assert notebook.points == total, (
        f"course/syllabus.toml gives {notebook.assignment} {notebook.points} points, "
        f"its graded cells add up to {total}")


def test_release_in_sync(notebook: Notebook) -> None:
    """4. release/ is exactly what nbgrader generates from source/ today."""
    problems = contract.release_sync_problems(REPO, notebook.assignment)
    assert not problems, _report(problems)


@pytest.mark.slow
def test_source_runs_in_full_mode(notebook: Notebook) -> None:
    """1. The source runs top to bottom as a student would run it (no grading mode)."""
    nb = contract.execute(notebook.source(REPO), mode=None, timeout=900)
    problems = contract.run_problems(nb, _label(notebook.source(REPO)) + " [full mode]")
    assert not problems, _report(problems)


@pytest.mark.slow
def test_validator(notebook: Notebook) -> None:
    """2 and 3. nbgrader's Validator passes on the source; every test fails on the release stub."""
    problems = contract.validator_problems(notebook.source(REPO), notebook.release(REPO),
                                           _label(notebook.source(REPO)), _label(notebook.release(REPO)))
    assert not problems, _report(problems)


@functools.cache
def _graded(assignment: str) -> tuple[dict[str, contract.Graded], list[bank.WrongAnswer]]:
    """Solution, stub and every wrong answer of the bank, graded in one nbgrader autograde run."""
    nb = next(n for n in syllabus(REPO) if n.assignment == assignment)
    source, release = contract.read(nb.source(REPO)), contract.read(nb.release(REPO))
    wrong = bank.load(REPO, assignment)
    submissions = contract.bank_submissions(source, release, wrong)
    with tempfile.TemporaryDirectory(prefix=f"autograde-{assignment}-") as workdir:
        return contract.autograde(REPO, assignment, submissions, Path(workdir)), wrong


@pytest.mark.slow
def test_autograde(notebook: Notebook) -> None:
    """5. Real nbgrader autograde: solution full marks, stub zero, every wrong answer below full
    marks with its hint printed."""
    results, wrong = _graded(notebook.assignment)
    problems = contract.grading_problems(_label(notebook.source(REPO)), results, wrong)
    assert not problems, _report(problems)


def test_bank_names_real_cells(notebook: Notebook) -> None:
    """Every bank file replaces an answer cell that exists, and the bank is not empty."""
    wrong = bank.load(REPO, notebook.assignment)
    assert wrong, f"tests/bank/{notebook.assignment}/ holds no wrong answers"
    answers = {C.grade_id(c) for c in contract.read(notebook.source(REPO)).cells if C.is_answer(c)}
    bad = [f"{w.path.relative_to(REPO)} replaces `{w.cell}`, which is not an answer cell" for w in wrong if w.cell not in answers]
    assert not bad, "\n".join(bad)
