"""Regenerate release/ from source/ with nbgrader (``make release``).

release/ is never edited by hand: this writes exactly what ``nbgrader generate_assignment``
produces from source/ today, and the contract check compares the two.
"""
from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import tempfile
from pathlib import Path

from autograder.course.syllabus import repo_root, syllabus
from autograder.course.workspace import ignore_run_outputs, make_course_root, run_nbgrader

# nbgrader's CourseDirectory.ignore by default (tests/test_grading_rules.py checks it against nbgrader's)
NBGRADER_IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]


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


def nbgrader_ignore(root: Path) -> list[str]:
    """``CourseDirectory.ignore`` as the course's ``course/nbgrader_config.py`` sets it, else nbgrader's
    default (read with traitlets alone: importing nbgrader costs a worker 1.6 s)."""
    from traitlets.config.loader import PyFileConfigLoader

    config = Path(root) / "course" / "nbgrader_config.py"
    if config.is_file():
        loaded = PyFileConfigLoader(config.name, path=str(config.parent)).load_config()
        if "ignore" in loaded.get("CourseDirectory", {}):
            return list(loaded.CourseDirectory.ignore)
    return list(NBGRADER_IGNORE)


def _ignored(name: str, patterns: list[str]) -> bool:
    """nbgrader's `is_ignored` (a glob in the folder): `*` and `?` never match a leading dot."""
    return any(fnmatch.fnmatchcase(name, p) and (not name.startswith(".") or p.startswith(".")) for p in patterns)


def shipped_files(root: Path, assignment: str) -> dict[str, Path]:
    """The files ``make release`` ships beside the notebook, by their path in the assignment folder:
    what ``nbgrader generate_assignment`` copies (every file of ``source/<assignment>/`` but
    notebooks and `CourseDirectory.ignore`) from the copy `make_course_root` makes (without run
    outputs: checkpoints/, top-level *.pt, caches). Whatever else lies in source/ or release/ is not."""
    top = (Path(root) / "source" / assignment).resolve()
    patterns = nbgrader_ignore(root) + ["*.ipynb"]
    run_outputs = ignore_run_outputs(top)
    files: dict[str, Path] = {}
    if _ignored(top.name, patterns):
        return files
    for folder, dirs, names in os.walk(top):
        skip = run_outputs(folder, dirs + names)
        dirs[:] = sorted(d for d in dirs if d not in skip and not _ignored(d, patterns))
        for name in sorted(names):
            if name not in skip and not _ignored(name, patterns):
                path = Path(folder) / name
                files[path.relative_to(top).as_posix()] = path
    return files


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
