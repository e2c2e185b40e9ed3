"""nbgrader configuration of the course (loaded by ../nbgrader_config.py).

Every setting here answers one of the facts about nbgrader 0.9.6 that docs/design.md lists.
The instructor's working area (submissions, autograded copies, feedback, the gradebook) lives in
course/work/, which git ignores.
"""
import os

c = get_config()  # noqa: F821 -- provided by traitlets when nbgrader loads this file

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

c.CourseDirectory.course_id = "dqn-from-the-loop-up"
c.CourseDirectory.root = REPO
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "course/work/submitted"
c.CourseDirectory.autograded_directory = "course/work/autograded"
c.CourseDirectory.feedback_directory = "course/work/feedback"
c.CourseDirectory.solution_directory = "course/work/solution"
# `?timeout=` lets parallel graders wait for SQLite's lock instead of failing.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(REPO, "course", "work", "gradebook.db") + "?timeout=60"

# An explicit per-cell limit: the grader's CELL_TIMEOUT (autograder/grading/options.py; a test
# keeps the two equal). Written out, not imported: nbgrader loads this file wherever it runs (a
# student's Validate, throw-away course folders), and a failed import would silently drop every
# setting here. Under grading mode every cell finishes in seconds; 120 s leaves room for a slow
# machine without letting a runaway loop hold a grader for long.
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True
# Once the last cell has run, every output is recorded: kill the kernel instead of asking it to
# shut down and waiting for it to exit (1-2.5 s per notebook, spent tearing down torch).
c.Execute.shutdown_kernel = "immediate"

# A warning from torch or gymnasium goes to stderr; nbgrader would score such a test cell 0.
# Errors are recorded as `error` outputs, not stderr, so dropping stderr hides no failure.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"[\s\S]"

# A test cell the student deleted is restored and graded, not silently left for manual grading.
c.OverwriteCells.add_missing_cells = True

# Students get a stub that runs: the function keeps its signature and raises.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# `nbgrader export` (formgrader's scores, manual grades included) writes into the working area, not
# grades.csv at the repository root; and not over the course's own course/work/grades.csv, which
# `make grade ARGS=export` writes (with the gradebook's manual grades too).
c.ExportPlugin.to = os.path.join(REPO, "course", "work", "nbgrader_export.csv")
