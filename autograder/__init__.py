"""The course's machinery around nbgrader, in three parts (see docs/design.md):

- `autograder.course`: the course on disk (syllabus, nbgrader cell metadata, throw-away nbgrader
  folders, release generation);
- `autograder.grading`: grading a class (``make grade``): restore, review, sandboxed execution,
  scoring, the gradebook, feedback and export;
- `autograder.proof`: proving the course keeps its contracts (``make test``): the static and
  executed contract checks, the answer banks, the demo class and the two-way pipeline proof.

`grading` never imports `proof`; `proof` drives `grading` exactly as an instructor does.
"""
