"""Grade a class: ``make grade`` / ``python -m autograder.cli`` / ``dqn-grade``.

    python -m autograder.cli                       grade the bundled demo class (course/work/demo/)
    python -m autograder.cli grade [ASSIGNMENT...] grade everything in course/work/submitted/
    python -m autograder.cli import PATH -a ASSIGNMENT
                                                   copy a folder or .zip of notebooks named by
                                                   student into submitted/, then grade them; a
                                                   file it cannot place is listed, and the exit
                                                   status is 1 (see `import_notebooks`)
    python -m autograder.cli export                write grades.csv and exercise_summary.csv again

Every submission runs in a sandbox (see README, "Grading a class"); grades go into nbgrader's
gradebook (course/work/gradebook.db), feedback into course/work/feedback/<student>/<assignment>/,
and the export into course/work/grades.csv and course/work/exercise_summary.csv.
"""
from __future__ import annotations

import argparse
import os
import shutil
import stat
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading import export, pipeline, sandbox
from autograder.proof import demo
from autograder.course.syllabus import repo_root, syllabus

MAX_IMPORT_BYTES = 50 * 1024 * 1024


def _add_grading_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel sandboxes (default: one per core)")
    p.add_argument("--force", action="store_true", help="re-grade submissions already graded and unchanged")
    p.add_argument("--students", nargs="*", help="only these students")
    p.add_argument("--cell-timeout", type=float, default=120.0, help="seconds one cell may run (default 120)")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds one notebook may run (default 600)")
    p.add_argument("--memory-mb", type=int, default=sandbox.Limits.memory_mb, help="address space per process")
    p.add_argument("--cpu-seconds", type=int, default=sandbox.Limits.cpu_seconds, help="CPU time of a kernel")
    p.add_argument("--processes", type=int, default=sandbox.Limits.processes, help="processes per sandbox")
    p.add_argument("--disk-mb", type=int, default=sandbox.Limits.disk_mb, help="writable space per sandbox")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run students' code WITHOUT a sandbox, with your permissions (only where sandboxing is impossible)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--work", type=Path, help="working area (default course/work, or course/work/demo for the demo)")


def _options(args: argparse.Namespace) -> pipeline.Options:
    return pipeline.Options(
        workers=max(1, args.workers), force=args.force, sandboxed=not args.no_sandbox,
        limits=sandbox.Limits(memory_mb=args.memory_mb, cpu_seconds=args.cpu_seconds, processes=args.processes,
                              disk_mb=args.disk_mb),
        cell_timeout=args.cell_timeout, notebook_timeout=args.timeout, progress=not args.no_progress)


def _finish(results, course: pipeline.Course) -> None:
    if not results:
        return
    print()
    print(pipeline.summary_table(results, course))
    print()
    print(f"Grades:    {course.work / 'grades.csv'}  (per-exercise summary: {course.work / 'exercise_summary.csv'})")
    print(f"Feedback:  {course.feedback}/<student>/<assignment>/<assignment>.html")
    print(f"Gradebook: {course.gradebook}")


def cmd_grade(args: argparse.Namespace, repo: Path) -> list:
    course = pipeline.Course(repo, args.work or repo / "course" / "work")
    results = pipeline.grade_class(course, repo, _options(args), args.assignments or None, args.students)
    _finish(results, course)
    return results


def cmd_demo(args: argparse.Namespace, repo: Path) -> list:
    work = args.work or repo / "course" / "work" / "demo"
    root = work / "course"
    print(f"Building the demo class in {work} from the course's notebooks and banks ...")
    expects = demo.build(repo, root, work, assignments=args.assignments or None, full=args.full,
                         exercises=args.exercises, adversarial=not args.no_adversarial)
    print(f"{len(expects)} submissions (correct, stub, partial, every wrong answer of the banks, the adversarial bank).")
    course = pipeline.Course(root, work)
    results = pipeline.grade_class(course, repo, _options(args))
    _finish(results, course)
    problems = demo.check(expects, {(r.student, r.assignment): r for r in results})
    if problems:
        print("\nThe demo class did NOT grade as expected:")
        for p in problems:
            print("  " + p)
        raise SystemExit(1)
    print(f"\nEvery one of the {len(expects)} demo submissions graded as expected.")
    return results


SKIPPED_PARTS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", "Thumbs.db", "desktop.ini"}


@dataclass
class Imported:
    """What `import_notebooks` did: the students imported, and every file it did not place."""

    students: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # "<path>: <why it was not imported>"
    skipped: list[str] = field(default_factory=list)    # editor and OS files (.DS_Store, __MACOSX/, checkpoints)


def _student_from(name: str, assignment: str) -> str:
    """``alice`` from ``alice.ipynb``, ``alice_<assignment>.ipynb``, ``alice-<assignment>.ipynb``."""
    stem = name[: -len(".ipynb")] if name.endswith(".ipynb") else name
    for suffix in (f"_{assignment}", f"-{assignment}", f".{assignment}"):
        if stem.endswith(suffix) and len(stem) > len(suffix):
            return stem[: -len(suffix)]
    return stem


def _entries(path: Path) -> dict[str, tuple[int, str | None, str]]:
    """Every file of a folder or a zip by its path inside it (posix), with its size, why it cannot
    be read safely (or None) and its name in the zip."""
    entries: dict[str, tuple[int, str | None, str]] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.is_dir():
                    continue
                name = info.filename.replace("\\", "/")
                parts = [p for p in name.split("/") if p not in ("", ".")]
                unsafe = name.startswith("/") or ".." in parts or not parts
                link = stat.S_ISLNK(info.external_attr >> 16)
                entries["/".join(parts) if not unsafe else name] = (
                    info.file_size, "an unsafe path" if unsafe else "a symbolic link" if link else None, info.filename)
        return entries
    if path.is_dir():
        for file in sorted(path.rglob("*")):
            if file.is_dir() and not file.is_symlink():
                continue
            rel = file.relative_to(path).as_posix()
            entries[rel] = (0, "a symbolic link", rel) if file.is_symlink() else (file.stat().st_size, None, rel)
        return entries
    raise SystemExit(f"{path} is neither a folder nor a .zip file")


def _place(files: dict[str, tuple[int, str | None, str]], strip: int, assignment: str) -> tuple[dict[str, str], list[str]]:
    """Each student's notebook (by its path in `files`), and why each other file is not placed,
    with the first `strip` characters of every path (a wrapper folder) ignored."""
    claims: dict[str, list[str]] = {}
    problems = []
    for name, (size, bad, _) in sorted(files.items()):
        inner = name[strip:].split("/")
        if bad:
            problems.append(f"{name}: {bad}")
        elif not name.endswith(".ipynb"):
            problems.append(f"{name}: not a notebook")
        elif len(inner) > 2:
            problems.append(f"{name}: nested too deep (use <student>.ipynb or <student>/<notebook>.ipynb)")
        elif size > MAX_IMPORT_BYTES:
            problems.append(f"{name}: larger than {MAX_IMPORT_BYTES // 2**20} MiB")
        else:
            student = inner[0] if len(inner) == 2 else _student_from(inner[0], assignment)
            if student == assignment:
                problems.append(f"{name}: names no student (use <student>.ipynb or <student>/{inner[-1]})")
            elif not pipeline.STUDENT_ID.match(student):
                problems.append(f"{name}: {student!r} is not a valid student id (letters, digits and _.@+- only)")
            else:
                claims.setdefault(student, []).append(name)
    placed = {}
    for student, names in claims.items():
        if len(names) > 1:
            problems += [f"{n}: one of {len(names)} notebooks for {student} ({', '.join(names)}); none imported"
                         for n in names]
        else:
            placed[student] = names[0]
    return placed, sorted(problems)


def import_notebooks(path: Path, assignment: str, submitted: Path) -> Imported:
    """Copy a class's notebooks from a folder or a .zip into ``submitted/<student>/<assignment>/``.

    A folder and a zip of it give the same students. Inside either, a notebook is placed by its path:

    - ``alice.ipynb``, ``alice_<assignment>.ipynb`` or ``alice-<assignment>.ipynb``: student ``alice``;
    - ``alice/<anything>.ipynb``: student ``alice``;
    - when every file lies in one folder (``class/alice/x.ipynb``, ``class/bob.ipynb``: what zipping
      a folder adds), that folder is a wrapper and the rules above apply inside it, if that places
      more notebooks than taking it for one student's folder (``alice/submission.ipynb`` alone is
      alice's).

    Every other file is not imported and is reported with the reason: not a notebook, nested
    deeper, a name that is not a valid student id (names are never rewritten), two notebooks for
    one student (neither is imported: the instructor picks), larger than 50 MiB, a link, an unsafe
    path. Editor and OS files (``.ipynb_checkpoints/``, ``__MACOSX/``, hidden files such as
    ``.DS_Store``) are skipped and counted.
    """
    entries = _entries(path)
    out = Imported()
    files = {}
    for name, info in entries.items():
        if info[1] is None and any(p in SKIPPED_PARTS or p.startswith(".") for p in name.split("/")):
            out.skipped.append(name)
        else:
            files[name] = info
    placed, out.problems = _place(files, 0, assignment)
    good = [name for name, info in files.items() if info[1] is None]
    tops = {name.split("/")[0] for name in good}
    if len(tops) == 1 and all("/" in name for name in good):
        unwrapped = _place(files, len(tops.pop()) + 1, assignment)
        if len(unwrapped[0]) > len(placed):
            placed, out.problems = unwrapped
    if placed:
        if path.is_dir():
            data = {s: (path / n).read_bytes() for s, n in placed.items()}
        else:
            with zipfile.ZipFile(path) as z:
                data = {s: z.read(files[n][2]) for s, n in placed.items()}
        for student, content in sorted(data.items()):
            target = submitted / student / assignment
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            (target / f"{assignment}.ipynb").write_bytes(content)
    out.students = sorted(placed)
    return out


def cmd_import(args: argparse.Namespace, repo: Path) -> list:
    names = [n.assignment for n in syllabus(repo)]
    if args.assignment not in names:
        raise SystemExit(f"unknown assignment {args.assignment!r}; the syllabus has: {', '.join(names)}")
    course = pipeline.Course(repo, args.work or repo / "course" / "work")
    imported = import_notebooks(args.path, args.assignment, course.submitted)
    students = imported.students
    print(f"Imported {len(students)} notebook(s) for {args.assignment}: {', '.join(students) or 'none'}")
    if imported.skipped:
        print(f"Skipped {len(imported.skipped)} editor/OS file(s) (.ipynb_checkpoints/, __MACOSX/, hidden files).")
    if imported.problems:
        print(f"NOT imported ({len(imported.problems)} file(s)):")
        for problem in imported.problems:
            print(f"  {problem}")
    results = []
    if students and not args.no_grade:
        args.assignments = [args.assignment]
        args.students = students
        results = cmd_grade(args, repo)
    if imported.problems:
        raise SystemExit(f"{len(imported.problems)} file(s) of {args.path} were not imported (listed above).")
    return results


def cmd_export(args: argparse.Namespace, repo: Path) -> list:
    course = pipeline.Course(repo, args.work or repo / "course" / "work")
    results = export.load_results(course.work)
    grades, summary = export.write(results, course.work, course.db_url if course.gradebook.exists() else None)
    print(f"{len(results)} rows: {grades}\nper-exercise summary: {summary}")
    return results


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="dqn-grade", description="Grade a class of notebooks safely, in parallel.",
                                     epilog="With no command: grade the bundled demo class.")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("grade", help="grade every submission in course/work/submitted/")
    p.add_argument("assignments", nargs="*")
    _add_grading_options(p)
    p = sub.add_parser("demo", help="build and grade the demo class (the default)")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--full", action="store_true", help="whole notebooks instead of their first exercises")
    p.add_argument("--exercises", type=int, default=2, help="exercises per notebook in the demo (default 2)")
    p.add_argument("--no-adversarial", action="store_true")
    _add_grading_options(p)
    p = sub.add_parser("import", help="import a folder or .zip of notebooks named by student, then grade them")
    p.add_argument("path", type=Path)
    p.add_argument("-a", "--assignment", required=True)
    p.add_argument("--no-grade", action="store_true")
    _add_grading_options(p)
    p = sub.add_parser("export", help="write grades.csv and exercise_summary.csv from the recorded results")
    p.add_argument("--work", type=Path)
    if not argv:
        argv = ["demo"]
    args = parser.parse_args(argv)
    repo = repo_root()
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    {"grade": cmd_grade, "demo": cmd_demo, "import": cmd_import, "export": cmd_export}[args.command](args, repo)


if __name__ == "__main__":
    main()
