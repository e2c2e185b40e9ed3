"""A correct notebook whose first answer cell has a renamed grade id.

base: solution
how: rename-answer
score: full
status: graded
"""
