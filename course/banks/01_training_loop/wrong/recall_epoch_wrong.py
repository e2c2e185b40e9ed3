"""Question 1 answered wrongly: an epoch taken to be one update on one example.

cell: recall
hint: one pass over every training example
"""
def recall_answers():
    """Return {1: "a" | "b" | "c", 2: ..., 3: ...}."""
    return {1: "a", 2: "b", 3: "a"}
