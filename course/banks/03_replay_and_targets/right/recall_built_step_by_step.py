"""The dictionary filled one key at a time, with a plain int and the dtype taken from a tensor.

cell: recall
"""
recall_answers = {}
recall_answers["r1"] = 1.28
recall_answers["r2"] = torch.tensor([0, 1]).dtype
recall_answers["r3"] = 10000
recall_answers["r4"] = "b"
