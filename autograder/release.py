"""Regenerate release/ from source/ with nbgrader (``make release``).

release/ is never edited by hand: this writes exactly what ``nbgrader generate_assignment``
produces from source/ today, and the contract check compares the two.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from autograder.course import repo_root, syllabus
from autograder.workspace import make_course_root, run_nbgrader


def generate(repo: Path, assignment: str, dest: Path) -> Path:
    """Generate `assignment`'s student version into ``dest/<assignment>/`` and return that folder."""
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        course = make_course_root(repo, [assignment], Path(tmp))
        run_nbgrader(["generate_assignment", assignment, "--force", "--no-db"], cwd=course)
        out = dest / assignment
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(course / "release" / assignment, out)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="assignments to regenerate (default: all)")
    args = parser.parse_args(argv)
    repo = repo_root()
    names = args.assignments or [nb.assignment for nb in syllabus(repo) if nb.source(repo).is_file()]
    for name in names:
        out = generate(repo, name, repo / "release")
        print(f"release/{name}/ regenerated from source/{name}/ ({out.relative_to(repo)})")


if __name__ == "__main__":
    main()
