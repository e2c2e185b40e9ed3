"""Capital letters with stray spaces: the letters are what count.

cell: conceptual
"""
conceptual_answers = {"c1": "B", "c2": " b", "c3": "B ", "c4": "A"}
