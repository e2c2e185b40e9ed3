"""The grading contract (docs/design.md), checked for one notebook at a time.

Each check returns a list of `Problem`s, each naming the notebook and cell at fault; an empty
list means the notebook keeps that part of the contract:

1. the source runs top to bottom, in full mode (`run_problems`) and in grading mode (the
   solution graded by `autograde` raises in no cell);
2. every test passes on the source and 3. fails on the release stub (`validator_problems`);
4. release/ is what nbgrader generates from source/ today (`release_sync_problems`);
5. the real ``nbgrader autograde`` gives the solution full marks, the stub zero, and every wrong
   answer of the bank less than full marks with its hint shown (`autograde` + `grading_problems`);
6. notebooks carry no outputs or execution counts, keep nbgrader metadata and cell ids, and have
   unique grade ids (`hygiene_problems`);
9. no solution line is readable in a visible test cell or the exercise text (`solution_leak_problems`).

4, 6 and 9 need no kernel: they live in `autograder.proof.static` (``make check`` runs them).
"""
from __future__ import annotations

import contextlib
import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert.filters.ansi import strip_ansi
from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.course.workspace import ignore_run_outputs, make_course_root, run_nbgrader
from autograder.grading.options import CELL_TIMEOUT
from autograder.proof.banks import RightAnswer, WrongAnswer

# The static parts (4, 6 and 9), in this namespace too: the whole contract is `contract.*`.
from autograder.proof.static import (  # noqa: F401
    Problem,
    hygiene_problems,
    read,
    release_sync_problems,
    solution_leak_problems,
)

# --- 1. running --------------------------------------------------------------------------------

@contextlib.contextmanager
def _mode(mode: str | None) -> Iterator[None]:
    old = os.environ.get("NBGRADER_EXECUTION")
    if mode is None:
        os.environ.pop("NBGRADER_EXECUTION", None)
    else:
        os.environ["NBGRADER_EXECUTION"] = mode
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = old


def execute(path: Path, *, mode: str | None, timeout: int = 600) -> NotebookNode:
    """Run a copy of the notebook's folder top to bottom (errors recorded, not raised) and return it.

    `mode` is what the kernel sees in NBGRADER_EXECUTION: None for a student's full run.
    """
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="run-") as tmp:
        work = Path(tmp) / path.parent.name
        shutil.copytree(path.parent, work, ignore=ignore_run_outputs(path.parent))
        nb = read(work / path.name)
        with _mode(mode):
            NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True, shutdown_kernel="immediate",
                           resources={"metadata": {"path": str(work)}}).execute()
    return nb


def error_text(cell: NotebookNode) -> str:
    """The error outputs of a cell as plain text (ANSI colours removed)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}\n" + "\n".join(out.get("traceback", [])))
    return strip_ansi("\n".join(parts))


def run_problems(nb: NotebookNode, label: str) -> list[Problem]:
    """Every cell of an executed notebook that ended in an error."""
    return [Problem(C.describe(label, i, cell), "raised an error:\n" + error_text(cell)[-1500:])
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and error_text(cell)]


# --- 2, 3. nbgrader's Validator ----------------------------------------------------------------

def _validate(path: Path, invert: bool) -> dict:
    from nbgrader.validator import Validator
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = int(CELL_TIMEOUT)          # as course/nbgrader_config.py
    config.Execute.shutdown_kernel = "immediate"      # as course/nbgrader_config.py: no wait for a graceful exit
    config.Validator.invert = invert
    with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
        work = Path(tmp) / path.parent.name
        shutil.copytree(path.parent, work, ignore=ignore_run_outputs(path.parent))
        with _mode(None):
            return Validator(config=config).validate(str(work / path.name))


def _cell_by_source(nb: NotebookNode, label: str, source: str) -> str:
    for i, cell in enumerate(nb.cells):
        if cell.source.strip() == source.strip():
            return C.describe(label, i, cell)
    return f"{label}, a cell starting {source.strip()[:60]!r}"


def validator_problems(source: Path, release: Path, source_label: str, release_label: str) -> list[Problem]:
    """nbgrader's Validator passes on the source, and every test fails on the release stub."""
    problems: list[Problem] = []
    result = _validate(source, invert=False)
    src = read(source)
    for key in ("type_changed", "changed"):
        for item in result.get(key, []):
            problems.append(Problem(_cell_by_source(src, source_label, item["source"]), f"Validator: cell {key.replace('_', ' ')}"))
    for item in result.get("failed", []):
        problems.append(Problem(_cell_by_source(src, source_label, item["source"]),
                                "fails on the source solution:\n" + strip_ansi(item.get("raw_error", ""))[-1500:]))
    result = _validate(release, invert=True)
    rel = read(release)
    for item in result.get("passed", []):
        problems.append(Problem(_cell_by_source(rel, release_label, item["source"]),
                                "passes on the release stub: a test that passes on a stub checks nothing"))
    for key in ("type_changed", "changed"):
        for item in result.get(key, []):
            problems.append(Problem(_cell_by_source(rel, release_label, item["source"]),
                                    f"Validator on the release: cell {key.replace('_', ' ')}"))
    return problems


# --- 5. autograding ----------------------------------------------------------------------------

def solution_submission(source: NotebookNode, release: NotebookNode,
                        replace: dict[str, str] | None = None) -> NotebookNode:
    """The release notebook with every answer cell filled in as a student who solved it would:
    the source's solution without its markers, except the cells named in `replace`."""
    replace = dict(replace or {})
    answers = {C.grade_id(c): c for c in source.cells if C.is_answer(c)}
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        gid = C.grade_id(cell)
        if not C.is_answer(cell):
            continue
        if gid in replace:
            cell.source = replace.pop(gid)
        elif gid in answers:
            cell.source = C.strip_solution_markers(answers[gid].source)
    if replace:
        raise KeyError(f"no answer cell with grade id {sorted(replace)} in the release notebook")
    return nb


def bank_submissions(source: NotebookNode, release: NotebookNode, wrong: list[WrongAnswer],
                     right: list[RightAnswer] = ()) -> dict[str, NotebookNode]:
    """What the contract grades, by name: "solution", "stub" (the release as handed out),
    "right-<name>" for each right answer and "bank-<name>" for each wrong answer (the solution with
    that one answer cell replaced)."""
    subs = {"solution": solution_submission(source, release), "stub": release}
    for r in right:
        subs[f"right-{r.name}"] = solution_submission(source, release, {r.cell: r.code})
    for w in wrong:
        subs[f"bank-{w.name}"] = solution_submission(source, release, {w.cell: w.code})
    return subs


@dataclass
class Graded:
    """One submission's result from nbgrader's gradebook and its autograded notebook."""

    student: str
    score: float = 0.0                      # autograded tests only
    max_score: float = 0.0
    cells: dict[str, tuple[float, float]] = field(default_factory=dict)   # test grade id -> (score, max)
    errors: dict[str, str] = field(default_factory=dict)                  # failing test grade id -> its error text
    run_errors: list[str] = field(default_factory=list)                   # other cells that raised, described


def autograde(repo: Path, assignment: str, submissions: dict[str, NotebookNode], workdir: Path) -> dict[str, Graded]:
    """Grade `submissions` (student id -> notebook) with the real ``nbgrader autograde``, in a
    throw-away course at `workdir`, and read back every test cell's score and error text."""
    from nbgrader.api import Gradebook

    course = make_course_root(repo, [assignment], workdir)
    run_nbgrader(["generate_assignment", assignment, "--force"], cwd=course)
    release_dir = course / "release" / assignment
    notebook = f"{assignment}.ipynb"
    for student, nb in submissions.items():
        target = course / "course" / "work" / "submitted" / student / assignment
        shutil.copytree(release_dir, target, dirs_exist_ok=True)
        nbformat.write(nb, str(target / notebook))
    run_nbgrader(["autograde", assignment, "--force"], cwd=course, timeout=3600)

    source = read(course / "source" / assignment / notebook)
    tests = {C.grade_id(c) for c in source.cells if C.is_test(c)}
    results: dict[str, Graded] = {}
    with Gradebook("sqlite:///" + str(course / "gradebook.db")) as gb:
        for student in submissions:
            graded = Graded(student)
            try:
                sub = gb.find_submission_notebook(assignment, assignment, student)
            except Exception:  # not graded at all: leave it at zero with no cells
                results[student] = graded
                continue
            for grade in sub.grades:
                if grade.name in tests:
                    score = float(grade.auto_score or 0.0)
                    graded.cells[grade.name] = (score, float(grade.max_score))
                    graded.score += score
                    graded.max_score += float(grade.max_score)
            out = course / "course" / "work" / "autograded" / student / assignment / notebook
            if out.exists():
                for i, cell in enumerate(read(out).cells):
                    if not error_text(cell):
                        continue
                    if C.grade_id(cell) in tests:
                        graded.errors[C.grade_id(cell)] = error_text(cell)
                    else:
                        graded.run_errors.append(C.describe(notebook, i, cell) + ":\n" + error_text(cell)[-1000:])
            results[student] = graded
    return results


def grading_problems(label: str, results: dict[str, Graded], bank: list[WrongAnswer]) -> list[Problem]:
    """Full marks for the solution, zero for the stub, and each wrong answer below full marks with
    its hint printed by a failing test."""
    problems: list[Problem] = []
    sol = results["solution"]
    if sol.max_score <= 0:
        problems.append(Problem(label, "autograde found no autograded test cells"))
    for gid, (score, top) in sol.cells.items():
        if score < top:
            problems.append(Problem(f"{label}, {gid}", f"the solution scores {score}/{top} under nbgrader autograde:\n"
                                    + sol.errors.get(gid, "")[-1500:]))
    for described in sol.run_errors:
        problems.append(Problem(label, f"under grading mode the solution raised in {described}"))
    stub = results["stub"]
    for gid, (score, top) in stub.cells.items():
        if score > 0:
            problems.append(Problem(f"{label}, {gid}",
                                    f"the release stub scores {score}/{top}: a test that passes on a stub checks nothing"))
    for wrong in bank:
        got = results[f"bank-{wrong.name}"]
        where = f"{label}, bank {wrong.path.name} (replaces {wrong.cell})"
        if got.max_score > 0 and got.score >= got.max_score:
            problems.append(Problem(where, f"scores full marks ({got.score}/{got.max_score}): no test catches "
                                    f"\"{wrong.description}\""))
            continue
        shown = "\n".join(got.errors.values())
        if wrong.hint.lower() not in shown.lower():
            failing = ", ".join(sorted(got.errors)) or "none"
            problems.append(Problem(where, f"loses points, but no failing test prints the hint {wrong.hint!r} "
                                    f"(failing tests: {failing})"))
    return problems
