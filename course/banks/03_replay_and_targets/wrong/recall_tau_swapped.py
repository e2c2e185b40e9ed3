"""r4: the soft update with tau and 1 - tau swapped.

cell: recall
hint: tau and 1 - tau are swapped
"""
# Fill in recall_answers = {"r1": ..., "r2": ..., "r3": ..., "r4": ...}
recall_answers = {"r1": 1.28, "r2": torch.int64, "r3": 10_000, "r4": "a"}
