"""The rising, jagged curve A read as overfitting.

cell: curve_diagnosis
hint: jump up and down
"""
def curve_diagnosis():
    return {"A": "overfitting", "B": "overfitting", "C": "healthy", "D": "underfitting"}
