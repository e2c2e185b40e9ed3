"""The lesson's arithmetic written with the math module: p * B, then 1 - (1 - p) ** B via math.pow.

cell: rare_event
"""
import math


def rare_event_stats(p, batch_size):
    """Expected number of rare frames (frequency p) in a uniform batch, and the chance of at least one."""
    expected_count = p * batch_size
    p_none = math.pow(1 - p, batch_size)      # all B draws miss
    return float(expected_count), float(1 - p_none)
