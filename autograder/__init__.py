"""The grading pipeline around nbgrader: release generation, the contract check, grading, feedback."""
