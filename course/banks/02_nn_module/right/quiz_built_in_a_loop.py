"""The answers built in a loop from a string, with spaces around some letters.

cell: quiz
"""
def quiz_answers():
    """Your answers: question number -> one of "a", "b", "c", "d"."""
    answers = {}
    for number, letter in enumerate(["b ", " b", "b", "c", "d", "b"], start=1):
        answers[number] = letter
    return answers
