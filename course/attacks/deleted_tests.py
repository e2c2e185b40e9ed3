"""A correct notebook with every test cell deleted: they are restored and graded.

base: solution
how: delete-tests
score: full
status: graded
"""
