"""Believes `target = online` makes a copy (question 3), the rest right.

cell: quiz
hint: copies nothing
"""
def quiz_answers():
    return {1: "b", 2: "b", 3: "a", 4: "c", 5: "d", 6: "b"}
