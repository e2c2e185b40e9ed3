"""A correct notebook whose first test cell has a renamed grade id.

base: solution
how: rename-test
score: full
status: graded
"""
