"""How long each solution notebook takes to run, in full mode and in grading mode.

    .venv/bin/python benchmarks/notebook_runtime.py [assignment ...]

Each notebook runs top to bottom through nbclient, as a student's Run All would (full mode), and
again with NBGRADER_EXECUTION=autograde (grading mode). The baseline, timed in the same run, is a
notebook holding only the course's setup cell: a kernel start plus the imports every notebook
pays. The table gives seconds and the ratio to that baseline; the course budgets (DESIGN.md) are
<= 2 min full mode (4 min for 04_dqn) and a few seconds in grading mode on a 2-core CPU.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import nbformat

from autograder import contract
from autograder.course import repo_root, syllabus


def _timed(path: Path, mode: str | None) -> tuple[float, int]:
    start = time.perf_counter()
    nb = contract.execute(path, mode=mode, timeout=900)
    errors = len(contract.run_problems(nb, path.name))
    return time.perf_counter() - start, errors


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
    args = parser.parse_args()
    repo = repo_root()
    notebooks = [nb for nb in syllabus(repo) if not args.assignments or nb.assignment in args.assignments]
    with tempfile.TemporaryDirectory() as tmp:
        base, _ = _timed(_baseline(repo, Path(tmp)), None)
    print(f"baseline (kernel start + setup cell): {base:.1f} s\n")
    print("| notebook | full mode (s) | x baseline | budget (s) | grading mode (s) | x baseline | errors |")
    print("|---|---|---|---|---|---|---|")
    for nb in notebooks:
        full, e1 = _timed(nb.source(repo), None)
        grading, e2 = _timed(nb.source(repo), "autograde")
        print(f"| {nb.assignment} | {full:.1f} | {full / base:.1f} | {nb.budget_minutes * 60:.0f} | "
              f"{grading:.1f} | {grading / base:.1f} | {e1 + e2} |", flush=True)


if __name__ == "__main__":
    main()
