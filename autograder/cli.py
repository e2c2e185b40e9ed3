"""Grade a class: ``make grade`` / ``python -m autograder.cli`` / ``dqn-grade``.

    python -m autograder.cli                       grade the bundled demo class (course/work/demo/)
    python -m autograder.cli grade [ASSIGNMENT...] grade everything in course/work/submitted/
    python -m autograder.cli import PATH -a ASSIGNMENT
                                                   copy a folder or .zip of notebooks named by
                                                   student into submitted/, then grade them; a
                                                   file it cannot place is listed, and the exit
                                                   status is 1 (see `autograder.grading.importer`)
                                                   (--pattern REGEX, --roster roster.csv: LMS names)
    python -m autograder.cli export                write grades.csv and exercise_summary.csv again
                                                   (--canvas FILE --roster roster.csv: Canvas's import)

    grade, demo and import take --scheduler local|tcp://HOST:PORT to grade on a Dask cluster
    (`autograder.grading.cluster`) instead of a process pool on this machine.

Every submission runs in a sandbox (see README, "Grading a class"); grades go into nbgrader's
gradebook (course/work/gradebook.db), feedback into course/work/feedback/<student>/<assignment>/,
and the export into course/work/grades.csv and course/work/exercise_summary.csv.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from autograder.course.syllabus import repo_root, syllabus
from autograder.grading import export, lms, pipeline
from autograder.grading.importer import Names, import_notebooks
from autograder.grading.options import CELL_TIMEOUT, NOTEBOOK_TIMEOUT, Limits, Options, default_workers
from autograder.proof import demo


def _add_grading_options(p: argparse.ArgumentParser) -> None:
    """The grading flags; every default is `autograder.grading.options`'s."""
    p.add_argument("--workers", type=int, default=default_workers(), help="parallel sandboxes (default: one per core)")
    p.add_argument("--force", action="store_true", help="re-grade submissions already graded and unchanged")
    p.add_argument("--students", nargs="*", help="only these students")
    p.add_argument("--cell-timeout", type=float, default=CELL_TIMEOUT,
                   help=f"seconds one cell may run (default {CELL_TIMEOUT:g})")
    p.add_argument("--timeout", type=float, default=NOTEBOOK_TIMEOUT,
                   help=f"seconds one notebook may run (default {NOTEBOOK_TIMEOUT:g})")
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb, help="address space per process")
    p.add_argument("--cpu-seconds", type=int, default=Limits.cpu_seconds, help="CPU time of a kernel")
    p.add_argument("--processes", type=int, default=Limits.processes, help="processes per sandbox")
    p.add_argument("--disk-mb", type=int, default=Limits.disk_mb, help="writable space per sandbox")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run students' code WITHOUT a sandbox, with your permissions (only where sandboxing is impossible)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--work", type=Path, help="working area (default course/work, or course/work/demo for the demo)")
    p.add_argument("--scheduler", metavar="local|tcp://HOST:PORT",
                   help="grade on Dask: `local` starts a cluster on this machine (--workers worker processes), "
                        "tcp://HOST:PORT uses a running one (see README, 'Grading on a cluster'); default: a local process pool")


def _options(args: argparse.Namespace) -> Options:
    return Options(
        workers=max(1, args.workers), force=args.force, sandboxed=not args.no_sandbox,
        limits=Limits(memory_mb=args.memory_mb, cpu_seconds=args.cpu_seconds, processes=args.processes,
                      disk_mb=args.disk_mb),
        cell_timeout=args.cell_timeout, notebook_timeout=args.timeout, progress=not args.no_progress,
        scheduler=args.scheduler)


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


def cmd_import(args: argparse.Namespace, repo: Path) -> list:
    names = [n.assignment for n in syllabus(repo)]
    if args.assignment not in names:
        raise SystemExit(f"unknown assignment {args.assignment!r}; the syllabus has: {', '.join(names)}")
    course = pipeline.Course(repo, args.work or repo / "course" / "work")
    roster = lms.read_roster(args.roster) if args.roster else None
    names = Names(lms.name_pattern(args.pattern), args.pattern is not None,
                  {m.lms_id: m.student for m in roster.members} if roster else None)
    imported = import_notebooks(args.path, args.assignment, course.submitted, names)
    students = imported.students
    print(f"Imported {len(students)} notebook(s) for {args.assignment}: {', '.join(students) or 'none'}")
    if imported.late:
        print(f"Marked late by the LMS: {', '.join(imported.late)}")
    if imported.superseded:
        print(f"Older attempts not imported ({len(imported.superseded)}; the latest of each student was):")
        for line in imported.superseded:
            print(f"  {line}")
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
    if args.canvas:
        _export_canvas(args, repo, grades)
    return results


def _export_canvas(args: argparse.Namespace, repo: Path, grades: Path) -> None:
    """grades.csv as Canvas's gradebook import (`lms.write_canvas_gradebook`), ids from the roster."""
    import csv

    if not args.roster:
        raise SystemExit("--canvas needs --roster roster.csv (columns lms_id,student; see README, \"Grading a class\")")
    notebooks = syllabus(repo)
    with grades.open(newline="") as f:
        rows = list(csv.DictReader(f))
    unknown = lms.write_canvas_gradebook(args.canvas, rows, lms.read_roster(args.roster),
                                         [n.assignment for n in notebooks],
                                         {n.assignment: n.points for n in notebooks if n.points is not None})
    print(f"Canvas gradebook: {args.canvas}  (import it in Canvas: Grades > Import)")
    if unknown:
        raise SystemExit(f"{len(unknown)} graded student(s) are not in the roster and were not written: {', '.join(unknown)}")


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
    p.add_argument("--pattern", help="regular expression a notebook's path must match, with a named group `student` "
                                     "(optional: `attempt`, `lms_id`); default: Canvas's download names, then <student>.ipynb")
    p.add_argument("--roster", type=Path, help="CSV with columns lms_id,student: LMS ids to student ids")
    _add_grading_options(p)
    p = sub.add_parser("export", help="write grades.csv and exercise_summary.csv from the recorded results")
    p.add_argument("--work", type=Path)
    p.add_argument("--canvas", type=Path, help="also write this CSV for Canvas's gradebook import (needs --roster)")
    p.add_argument("--roster", type=Path, help="CSV with columns lms_id,student (optional: name, sis_user_id, "
                                               "sis_login_id, section)")
    if not argv:
        argv = ["demo"]
    args = parser.parse_args(argv)
    repo = repo_root()
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    {"grade": cmd_grade, "demo": cmd_demo, "import": cmd_import, "export": cmd_export}[args.command](args, repo)


if __name__ == "__main__":
    main()
