"""The answers built with dict(zip(...)), with stray spaces around the letters.

cell: recall
"""
def recall_answers():
    """Return {1: "a" | "b" | "c", 2: ..., 3: ...}."""
    return dict(zip([1, 2, 3], [" b", "b ", "a"]))
