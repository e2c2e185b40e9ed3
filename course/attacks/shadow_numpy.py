"""A correct notebook submitted with a numpy.py beside it.

base: solution
how: file:numpy.py
score: full
status: graded
"""
raise ImportError("numpy.py from the student's folder was imported instead of numpy")
