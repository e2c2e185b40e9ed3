"""Believes the step uses only the last batch's gradient (question 1), the rest right.

cell: quiz
hint: batch 1's gradient is still there
"""
def quiz_answers():
    return {1: "a", 2: "b", 3: "b", 4: "c", 5: "d", 6: "b"}
