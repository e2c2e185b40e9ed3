"""The answers zipped from a list of question names and a string of letters.

cell: conceptual
"""
conceptual_answers = dict(zip(["c1", "c2", "c3", "c4"], "bbba"))
