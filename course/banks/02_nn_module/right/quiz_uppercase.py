"""The same answers in capitals.

cell: quiz
"""
def quiz_answers():
    """Your answers: question number -> one of "a", "b", "c", "d"."""
    return {1: "B", 2: "B", 3: "B", 4: "C", 5: "D", 6: "B"}
