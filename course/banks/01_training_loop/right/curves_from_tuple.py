"""Picked from the DIAGNOSES tuple by position, one in capitals with spaces around it.

cell: curve_diagnosis
"""
def curve_diagnosis():
    over, under, too_high, healthy = DIAGNOSES
    return {"A": too_high, "B": over, "C": f" {healthy.upper()} ", "D": under}
