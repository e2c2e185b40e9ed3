"""Grading a class (``make grade``): every submission restored, reviewed, run in a sandbox and scored."""
