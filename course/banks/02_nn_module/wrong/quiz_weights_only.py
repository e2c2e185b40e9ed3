"""The parameter count forgets the biases (17,152).

cell: quiz
hint: forgets the biases
"""
def quiz_answers():
    return {1: "b", 2: "a", 3: "b", 4: "c", 5: "d", 6: "b"}
