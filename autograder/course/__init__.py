"""The course on disk: the syllabus, nbgrader cell metadata, throw-away nbgrader folders, release/."""
