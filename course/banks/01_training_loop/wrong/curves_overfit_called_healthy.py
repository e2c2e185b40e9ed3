"""Curves B and C swapped: the widening gap of B read as healthy.

cell: curve_diagnosis
hint: the gap between the two curves
"""
def curve_diagnosis():
    return {"A": "learning rate too high", "B": "healthy", "C": "overfitting", "D": "underfitting"}
