"""c2: a time-limit truncation answered as terminal.

cell: conceptual
hint: truncated treated as terminal
"""
# Fill in conceptual_answers = {"c1": ..., "c2": ..., "c3": ..., "c4": ...} with letters.
conceptual_answers = {"c1": "b", "c2": "a", "c3": "b", "c4": "a"}
