"""The four diagnoses as the exercise spells them.

cell: curve_diagnosis
"""
def curve_diagnosis():
    return {"A": "learning rate too high", "B": "overfitting", "C": "healthy", "D": "underfitting"}
