"""Capital letters with stray spaces: the letters are what count.

cell: recall
"""
recall_answers = {"q1": "A", "q2": " b", "q3": "B", "q4": "b ", "q5": "C"}
