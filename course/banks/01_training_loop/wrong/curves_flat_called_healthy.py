"""The flat, high curve D read as healthy (the two curves agree, after all).

cell: curve_diagnosis
hint: stay high and nearly flat
"""
def curve_diagnosis():
    return {"A": "learning rate too high", "B": "overfitting", "C": "healthy", "D": "healthy"}
