"""Score in the trusted parent's terms: each test's verdict from the executed notebook.

A test earns its points only with no error and its secret token (published by the harness after
the test returned and nothing it relies on was changed), whatever went to stderr (nbgrader's rule,
with warnings ignored). `scrub` is what every student-facing message goes through.

Hand-written rather than ``nbgrader.utils.determine_grade``: that scores a cell by its outputs
alone (an error output or stderr), and here a test without its token earns nothing and stderr
never fails a test.
"""
from __future__ import annotations

import copy
import re

from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.grading.assignment import Assignment
from autograder.grading.execute import MIME, Execution, label
from autograder.grading.result import TestResult, Verdict

PATHS = re.compile(r"(/(?:home|tmp|work|root|usr|opt|proc|grader|var|etc)(?:/[^\s'\"]*)?)")
# A notebook cell's file name in the kernel (ipykernel_<kernel's pid>/<hash of the source>.py): the
# pid depends on how many kernels the warm sandbox has forked before, so a flag names the cell kind
# instead, and reads the same whichever worker graded it.
CELL_FILE = re.compile(r"ipykernel_\d+/\d+\.py")


def scrub(text: str, a: Assignment) -> str:
    """Remove colour codes, file paths and any line of hidden-test source from `text`."""
    from nbconvert.filters.ansi import strip_ansi  # imported on a worker's first failed test only

    text = strip_ansi(text)
    text = PATHS.sub("…", text)
    for line in a.hidden_lines:
        if line in text:
            text = text.replace(line, "[hidden test]")
    return text


def _error_message(cell: NotebookNode) -> str | None:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            ename, evalue = out.get("ename", "Error"), str(out.get("evalue", ""))
            if ename == "CheckFailed":
                return evalue
            if ename == "NotImplementedError" and not evalue:
                return "Not done yet: a function this test calls still raises NotImplementedError."
            return f"{ename}: {evalue}" if evalue else ename
    return None


def score(ex: Execution, restored: NotebookNode, a: Assignment, tokens: dict[str, str]) -> tuple[list[TestResult], list[str], NotebookNode]:
    """Each test cell's verdict, tampering evidence, and the executed notebook with its real test sources."""
    tests: list[TestResult] = []
    flags: list[str] = []
    graded = copy.deepcopy(restored)
    for index, (cell, ran) in enumerate(zip(graded.cells, ex.nb.cells, strict=True)):
        if cell.cell_type == "code":
            proofs = [o for o in ran.get("outputs", []) if MIME in o.get("data", {})]
            cell.outputs = [o for o in ran.get("outputs", []) if MIME not in o.get("data", {})]
            cell.execution_count = ran.get("execution_count")
        else:
            proofs = []
        if not C.is_test(cell):
            continue
        gid, pts = C.grade_id(cell), C.points(cell)
        if ex.stopped_at is not None and index >= ex.stopped_at:
            tests.append(TestResult(gid, pts, 0.0, Verdict.NOT_RUN, "This test did not run: " + (ex.fault or "the run stopped")))
            continue
        seen = [p["data"][MIME] for p in proofs]
        tampered = [CELL_FILE.sub("notebook cell", t) for s in seen for t in s.get("tampered_before", []) + s.get("tampered_during", [])]
        if tampered:
            flags.append(f"{gid}: " + "; ".join(dict.fromkeys(tampered)))
        error = _error_message(cell)
        offered = [s for s in seen if "token" in s]
        # Exactly one token, the test's own: a cell that offers several (guesses found in memory, or
        # every test's token) proves nothing.
        token_ok = len(offered) == 1 and offered[0].get("token") == tokens[gid] and offered[0].get("grade_id") == gid
        if len(offered) > 1:
            flags.append(f"{gid}: the cell offered {len(offered)} proofs for one test")
        if error is not None:
            tests.append(TestResult(gid, pts, 0.0, Verdict.FAILED, scrub(error, a)))
        elif token_ok and not any(s.get("tampered_during") for s in seen):
            tests.append(TestResult(gid, pts, pts, Verdict.PASSED))
        else:
            flags.append(f"{gid}: the test gave no proof that it ran (something in the notebook stopped or replaced it)")
            tests.append(TestResult(gid, pts, 0.0, Verdict.NO_PROOF, "This test did not report back, so it earns nothing: "
                                    "something in the notebook kept it from running."))
    return tests, flags, graded


def memory_notes(nb: NotebookNode) -> str | None:
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and out.get("ename") == "MemoryError":
                return f"cell #{i} ({label(cell)}) ran out of memory"
    return None
