"""The answers zipped from the question names and a string of letters.

cell: recall
"""
recall_answers = dict(zip([f"q{i}" for i in range(1, 6)], "abbbc"))
