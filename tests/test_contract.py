"""The grading contract (docs/design.md), for every notebook of the syllabus.

Each failure names the notebook and the cell at fault. Executions are shared through
session-scoped caches, so each notebook is run once per mode.
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from autograder.course import cells as C
from autograder.course.syllabus import Notebook, syllabus
from autograder.grading import sandbox
from autograder.proof import banks, contract, twoway
from tests.conftest import REPO


def _report(problems: list[contract.Problem]) -> str:
    return "\n\n".join(str(p) for p in problems)


def _label(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.fast
def test_source_exists(notebook: Notebook) -> None:
    assert notebook.source(REPO).is_file(), f"{_label(notebook.source(REPO))} is in the syllabus but not written"


@pytest.mark.fast
def test_hygiene(notebook: Notebook) -> None:
    """6. No outputs or execution counts, metadata intact, cell ids, unique grade ids."""
    problems = contract.hygiene_problems(notebook.source(REPO), _label(notebook.source(REPO)), is_release=False)
    if notebook.release(REPO).is_file():
        problems += contract.hygiene_problems(notebook.release(REPO), _label(notebook.release(REPO)), is_release=True)
    assert not problems, _report(problems)


@pytest.mark.fast
def test_points_match_syllabus(notebook: Notebook) -> None:
    nb = contract.read(notebook.source(REPO))
    total = sum(C.points(c) for c in nb.cells if C.is_test(c) or C.is_manual(c))
    assert total > 0, f"{_label(notebook.source(REPO))} has no graded cells"
    assert notebook.points == total, (
        f"course/syllabus.toml gives {notebook.assignment} {notebook.points} points, "
        f"its graded cells add up to {total}")


@pytest.mark.fast
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
def _graded(assignment: str) -> dict[str, contract.Graded]:
    """The solution and the stub, graded in one plain ``nbgrader autograde`` run."""
    nb = next(n for n in syllabus(REPO) if n.assignment == assignment)
    source, release = contract.read(nb.source(REPO)), contract.read(nb.release(REPO))
    submissions = contract.bank_submissions(source, release, [])
    with tempfile.TemporaryDirectory(prefix=f"autograde-{assignment}-") as workdir:
        return contract.autograde(REPO, assignment, submissions, Path(workdir))


@pytest.mark.slow
def test_autograde(notebook: Notebook) -> None:
    """5, compatibility: plain nbgrader autograde gives the solution full marks and the stub zero."""
    problems = contract.grading_problems(_label(notebook.source(REPO)), _graded(notebook.assignment), [])
    assert not problems, _report(problems)


@pytest.mark.slow
def test_pipeline_proof(proof_shard: tuple[Notebook, int, int], tmp_path: Path) -> None:
    """5 and 7, through the grader instructors run (`make grade`'s pipeline, sandbox on): the solution
    full, the stub zero, every right answer full with the solution's status, every wrong answer below
    full with its own hint in the first failing check. One shard of a notebook's bank per test
    (`twoway.SHARD_SIZE`), so that the workers share the banks evenly."""
    if not sandbox.probe().ok:
        pytest.skip("this machine cannot sandbox: " + sandbox.probe().reason)
    notebook, k, n = proof_shard
    problems, _ = twoway.prove(REPO, notebook.assignment, tmp_path, shard=(k, n))
    assert not problems, _report(problems)


@pytest.mark.fast
def test_bank_names_real_cells(notebook: Notebook) -> None:
    """Every bank file replaces an answer cell that exists, and the bank is not empty."""
    wrong = banks.load(REPO, notebook.assignment)
    assert wrong, f"course/banks/{notebook.assignment}/wrong/ holds no wrong answers"
    answers = {C.grade_id(c) for c in contract.read(notebook.source(REPO)).cells if C.is_answer(c)}
    right = banks.load_right(REPO, notebook.assignment)
    bad = [f"{w.path.relative_to(REPO)} replaces `{w.cell}`, which is not an answer cell"
           for w in [*wrong, *right] if w.cell not in answers]
    assert not bad, "\n".join(bad)


@pytest.mark.fast
def test_two_right_answers_per_code_exercise(notebook: Notebook) -> None:
    """Every autograded code answer cell has at least two right answers other than the solution."""
    source = contract.read(notebook.source(REPO))
    cells = [C.grade_id(c) for c in source.cells if C.is_answer(c) and c.cell_type == "code" and not C.is_manual(c)]
    right = [r.cell for r in banks.load_right(REPO, notebook.assignment)]
    short = [f"`{gid}` has {right.count(gid)}" for gid in cells if right.count(gid) < 2]
    assert not short, (f"course/banks/{notebook.assignment}/right/ needs at least two right answers per code "
                       "exercise: " + ", ".join(short))


@pytest.mark.fast
def test_no_solution_line_is_readable(notebook: Notebook) -> None:
    """9. No line of a solution appears in a visible test cell or in the exercise text of the release."""
    problems = contract.solution_leak_problems(notebook.source(REPO), notebook.release(REPO), _label(notebook.release(REPO)))
    assert not problems, _report(problems)
