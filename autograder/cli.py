"""Grade a class: ``make grade`` / ``python -m autograder.cli`` / ``dqn-grade``.

    python -m autograder.cli                       grade the bundled demo class (course/work/demo/)
    python -m autograder.cli grade [ASSIGNMENT...] grade everything in course/work/submitted/
    python -m autograder.cli import PATH -a ASSIGNMENT
                                                   copy a folder or .zip of notebooks named by
                                                   student into submitted/, then grade them
    python -m autograder.cli export                write grades.csv and exercise_summary.csv again

Every submission runs in a sandbox (see README, "Grading a class"); grades go into nbgrader's
gradebook (course/work/gradebook.db), feedback into course/work/feedback/<student>/<assignment>/,
and the export into course/work/grades.csv and course/work/exercise_summary.csv.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from autograder import demo, export, pipeline, sandbox
from autograder.course import repo_root, syllabus

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


def _student_from(name: str, assignment: str) -> str | None:
    stem = Path(name).stem
    for suffix in (f"_{assignment}", f"-{assignment}", f".{assignment}"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    stem = re.sub(r"[^A-Za-z0-9_.@+-]", "_", stem).strip("._")
    return stem if stem and pipeline.STUDENT_ID.match(stem) else None


def import_notebooks(path: Path, assignment: str, submitted: Path) -> list[str]:
    """Copy notebooks named by student (``alice.ipynb``, ``alice_<assignment>.ipynb`` or
    ``alice/<anything>.ipynb``) from a folder or a .zip into ``submitted/<student>/<assignment>/``."""
    found: dict[str, bytes] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                parts = [p for p in Path(info.filename).parts if p not in ("", ".")]
                if info.is_dir() or not info.filename.endswith(".ipynb") or ".." in parts or "__MACOSX" in parts:
                    continue
                if info.file_size > MAX_IMPORT_BYTES:
                    print(f"skipped {info.filename}: larger than {MAX_IMPORT_BYTES // 2**20} MiB")
                    continue
                student = _student_from(parts[-2] if len(parts) >= 2 and parts[-1] == f"{assignment}.ipynb" else parts[-1], assignment)
                if student:
                    found[student] = z.read(info)
    elif path.is_dir():
        for nb in sorted(path.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in nb.parts or nb.is_symlink():
                continue
            rel = nb.relative_to(path).parts
            student = _student_from(rel[0] if len(rel) >= 2 else rel[-1], assignment)
            if student:
                found[student] = nb.read_bytes()
    else:
        raise SystemExit(f"{path} is neither a folder nor a .zip file")
    for student, data in sorted(found.items()):
        target = submitted / student / assignment
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        (target / f"{assignment}.ipynb").write_bytes(data)
    return sorted(found)


def cmd_import(args: argparse.Namespace, repo: Path) -> list:
    names = [n.assignment for n in syllabus(repo)]
    if args.assignment not in names:
        raise SystemExit(f"unknown assignment {args.assignment!r}; the syllabus has: {', '.join(names)}")
    course = pipeline.Course(repo, args.work or repo / "course" / "work")
    students = import_notebooks(args.path, args.assignment, course.submitted)
    print(f"Imported {len(students)} notebook(s) for {args.assignment}: {', '.join(students) or 'none'}")
    if args.no_grade or not students:
        return []
    args.assignments = [args.assignment]
    args.students = students
    return cmd_grade(args, repo)


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
