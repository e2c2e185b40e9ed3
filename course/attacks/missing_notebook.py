"""A submission folder without the notebook.

base: solution
how: missing-notebook
score: 0
status: not graded
"""
I forgot to upload it, sorry!
