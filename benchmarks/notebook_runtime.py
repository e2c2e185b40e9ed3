"""How long each solution notebook takes to run, in full mode and in grading mode.

    .venv/bin/python benchmarks/notebook_runtime.py [assignment ...]

Each notebook runs top to bottom through nbclient, as a student's Run All would (full mode), and
again with NBGRADER_EXECUTION=autograde (grading mode). The baseline, timed in the same run, is a
notebook holding only the course's setup cell: a kernel start plus the imports every notebook
pays. The table gives seconds and the ratio to that baseline; the course budgets (docs/design.md) are
<= 2 min full mode (4 min for 04_dqn) and a few seconds in grading mode on a 2-core CPU.

Below the table, each notebook's grading-mode run is broken down from the cell timings nbclient
records: the time before the first cell (kernel start), the setup cell (the imports), the slowest
`--cells` other cells, all the rest, and the time after the last cell (kernel exit).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # this checkout's autograder, not an installed copy

import nbformat  # noqa: E402
from nbformat import NotebookNode  # noqa: E402

from autograder.course.syllabus import repo_root, syllabus  # noqa: E402
from autograder.proof import contract  # noqa: E402


def _timed(path: Path, mode: str | None) -> tuple[float, int, NotebookNode, tuple[float, float]]:
    """Seconds the run took, cells that raised, the executed notebook, and its start and end
    (seconds since the epoch, as nbclient's cell timestamps are)."""
    start, clock = time.time(), time.perf_counter()
    nb = contract.execute(path, mode=mode, timeout=900)
    wall, end = time.perf_counter() - clock, time.time()
    errors = len(contract.run_problems(nb, path.name))
    return wall, errors, nb, (start, end)


def _stamp(cell: NotebookNode, key: str) -> float | None:
    """One of the timestamps nbclient records on a cell (``iopub.status.busy``, ...), as epoch seconds."""
    value = cell.get("metadata", {}).get("execution", {}).get(key)
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() if value else None


def _breakdown(nb: NotebookNode, span: tuple[float, float], slowest: int) -> list[str]:
    """A run in parts: before the first cell, the setup cell, the slowest other cells, the rest of
    the cells (with nbclient's time between them), and after the last cell."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and _stamp(c, "iopub.status.busy")]
    if not code:
        return ["  no cell timings recorded"]
    seconds = {i: _stamp(c, "iopub.status.idle") - _stamp(c, "iopub.status.busy") for i, c in code}
    setup = sum(seconds[i] for i, c in code if c.get("id") == "setup")
    others = sorted((i for i, c in code if c.get("id") != "setup"), key=seconds.get, reverse=True)
    first, last = _stamp(code[0][1], "iopub.status.busy"), _stamp(code[-1][1], "iopub.status.idle")
    rest = (last - first) - setup - sum(seconds[i] for i in others[:slowest])
    lines = [f"  before the first cell (folder copy, kernel start): {first - span[0]:.2f} s",
             f"  setup cell (imports): {setup:.2f} s"]
    for i in others[:slowest]:
        head = next((line for line in nb.cells[i].source.splitlines() if line.strip()), "")[:70]
        lines.append(f"  cell #{i}: {seconds[i]:.2f} s  {head}")
    lines.append(f"  the other {len(others[slowest:])} cells, and the time between cells: {rest:.2f} s")
    lines.append(f"  after the last cell (kernel exit): {span[1] - last:.2f} s")
    return lines


def _baseline(repo: Path, folder: Path) -> Path:
    """A notebook with only the setup cell of the first notebook."""
    first = syllabus(repo)[0]
    nb = contract.read(first.source(repo))
    nb.cells = [c for c in nb.cells if c.get("id") == "setup"]
    path = folder / "baseline" / "baseline.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--cells", type=int, default=3, help="slowest cells to list per grading-mode run")
    args = parser.parse_args()
    repo = repo_root()
    notebooks = [nb for nb in syllabus(repo) if not args.assignments or nb.assignment in args.assignments]
    with tempfile.TemporaryDirectory() as tmp:
        base, *_ = _timed(_baseline(repo, Path(tmp)), None)
    print(f"baseline (kernel start + setup cell): {base:.1f} s\n")
    print("| notebook | full mode (s) | x baseline | budget (s) | grading mode (s) | x baseline | errors |")
    print("|---|---|---|---|---|---|---|")
    breakdowns = []
    for nb in notebooks:
        full, e1, *_ = _timed(nb.source(repo), None)
        grading, e2, graded, span = _timed(nb.source(repo), "autograde")
        print(f"| {nb.assignment} | {full:.1f} | {full / base:.1f} | {nb.budget_minutes * 60:.0f} | "
              f"{grading:.1f} | {grading / base:.1f} | {e1 + e2} |", flush=True)
        breakdowns.append([f"{nb.assignment}, grading mode, {grading:.1f} s:"] + _breakdown(graded, span, args.cells))
    for lines in breakdowns:
        print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
