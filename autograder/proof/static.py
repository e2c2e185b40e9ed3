"""The contract's static parts: what can be checked without running a notebook (``make check``).

6. notebooks carry no outputs or execution counts, keep nbgrader metadata and cell ids, and have
   unique grade ids (`hygiene_problems`);
4. release/ is what nbgrader generates from source/ today (`release_sync_problems`);
9. no solution line is readable by the student: none appears in a visible test cell or in the
   exercise text of the release (`solution_leak_problems`).

Each returns a list of `Problem`s, each naming the notebook and cell at fault.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.course import cells as C
from autograder.course.release import generate

REQUIRED_META = ("grade", "grade_id", "locked", "schema_version", "solution")


@dataclass(frozen=True)
class Problem:
    """One broken promise: where (notebook and cell) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def read(path: Path) -> NotebookNode:
    return nbformat.read(str(path), as_version=4)


# --- 6. hygiene --------------------------------------------------------------------------------

def hygiene_problems(path: Path, label: str, *, is_release: bool) -> list[Problem]:
    """No outputs or execution counts; nbgrader metadata complete; cell ids; unique grade ids;
    solutions and hidden tests only in the source."""
    nb = read(path)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append(Problem(label, "the notebook's kernelspec is not `python3`"))
    for i, cell in enumerate(nb.cells):
        where = C.describe(label, i, cell)
        if not cell.get("id"):
            problems.append(Problem(where, "the cell has no id (nbformat 4.5 cell ids are required)"))
        if cell.cell_type == "code":
            if cell.get("outputs"):
                problems.append(Problem(where, "the cell has outputs committed: clear them before committing"))
            if cell.get("execution_count") is not None:
                problems.append(Problem(where, "the cell has an execution count committed: clear it"))
        meta = C.nbgrader_meta(cell)
        if not meta:
            continue
        gid = meta.get("grade_id")
        if gid in seen:
            problems.append(Problem(where, f"grade id `{gid}` is also used by cell #{seen[gid]}"))
        elif gid:
            seen[gid] = i
        missing = [k for k in REQUIRED_META if k not in meta]
        if missing:
            problems.append(Problem(where, f"nbgrader metadata lacks {', '.join(missing)}"))
            continue
        if meta["grade"] and "points" not in meta:
            problems.append(Problem(where, "a graded cell without points"))
        text = cell.source
        if is_release:
            if "### BEGIN SOLUTION" in text or "### BEGIN HIDDEN TESTS" in text:
                problems.append(Problem(where, "the release contains a solution or hidden tests"))
        elif C.is_answer(cell) and cell.cell_type == "code" and "### BEGIN SOLUTION" not in text:
            problems.append(Problem(where, "an answer cell without `### BEGIN SOLUTION` markers"))
    return problems


# --- 4. release in sync ------------------------------------------------------------------------

def _normal(cell: NotebookNode) -> tuple:
    return (cell.cell_type, cell.get("id"), cell.source, repr(sorted(cell.metadata.items())))


def release_sync_problems(repo: Path, assignment: str) -> list[Problem]:
    """Compare release/<assignment>/ with what nbgrader generates from source/ now."""
    committed = repo / "release" / assignment
    with tempfile.TemporaryDirectory(prefix="sync-") as tmp:
        fresh = generate(repo, assignment, Path(tmp))
        problems: list[Problem] = []
        want = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
        have = {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()} if committed.exists() else set()
        for extra in sorted(have - want):
            problems.append(Problem(f"release/{assignment}/{extra}", "not generated from source/ (remove it, run `make release`)"))
        for lost in sorted(want - have):
            problems.append(Problem(f"release/{assignment}/{lost}", "missing: run `make release`"))
        for name in sorted(want & have):
            label = f"release/{assignment}/{name}"
            if name.suffix != ".ipynb":
                if (fresh / name).read_bytes() != (committed / name).read_bytes():
                    problems.append(Problem(label, "differs from source/: run `make release`"))
                continue
            a, b = read(fresh / name), read(committed / name)
            if len(a.cells) != len(b.cells):
                problems.append(Problem(label, f"has {len(b.cells)} cells, nbgrader generates {len(a.cells)}: run `make release`"))
                continue
            for i, (x, y) in enumerate(zip(a.cells, b.cells, strict=True)):
                if _normal(x) != _normal(y):
                    problems.append(Problem(C.describe(label, i, y), "differs from what nbgrader generates from source/ "
                                            "(release/ is never edited by hand): run `make release`"))
            if a.metadata != b.metadata:
                problems.append(Problem(label, "notebook metadata differs from the generated release: run `make release`"))
    return problems


# --- 9. no solution readable -----------------------------------------------------------------------

MIN_LEAK_CHARS = 16   # shorter solution lines (``return loss``, ``x = x + 1``) say nothing by themselves


def solution_lines(source: NotebookNode) -> dict[str, str]:
    """Each line written between ``### BEGIN SOLUTION`` / ``### END SOLUTION`` (stripped, not a
    comment, at least `MIN_LEAK_CHARS` long) -> the grade id of its answer cell."""
    found: dict[str, str] = {}
    for cell in source.cells:
        inside = False
        for line in cell.source.splitlines():
            if C.BEGIN_SOLUTION.match(line):
                inside = True
            elif C.END_SOLUTION.match(line):
                inside = False
            elif inside and len(line.strip()) >= MIN_LEAK_CHARS and not line.strip().startswith("#"):
                found.setdefault(line.strip(), C.grade_id(cell) or "")
    return found


def solution_leak_problems(source_path: Path, release_path: Path, label: str) -> list[Problem]:
    """Every solution line that the release shows in a visible test cell (as a line of code) or in
    the exercise text (anywhere in a markdown cell). A line the given code itself holds (an idiom
    such as ``with torch.no_grad():`` in a cell the student runs) gives nothing away."""
    release = read(release_path)
    given = {ln.strip() for c in release.cells if c.cell_type == "code" and not C.is_answer(c) and not C.is_test(c)
             for ln in c.source.splitlines()}
    solutions = {s: gid for s, gid in solution_lines(read(source_path)).items() if s not in given}
    problems: list[Problem] = []
    for i, cell in enumerate(release.cells):
        if cell.cell_type == "markdown" and not C.is_answer(cell):
            leaked = [s for s in solutions if s in cell.source]
        elif C.is_test(cell):
            shown = {ln.strip() for ln in cell.source.splitlines()}
            leaked = [s for s in solutions if s in shown]
        else:
            continue
        for line in leaked:
            problems.append(Problem(C.describe(label, i, cell), f"shows a line of the solution of `{solutions[line]}`: {line!r}"))
    return problems
