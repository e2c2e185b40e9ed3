"""r1 as a NumPy float rounded to two decimals, r3 as a float, r4 in capitals.

cell: recall
"""
recall_answers = {"r1": np.round(64 * 0.02, 2), "r2": torch.long, "r3": 1e4, "r4": "B"}
