"""The same answers in capitals, as a student may type them.

cell: recall
"""
def recall_answers():
    """Return {1: "a" | "b" | "c", 2: ..., 3: ...}."""
    return {1: "B", 2: "B", 3: "A"}
