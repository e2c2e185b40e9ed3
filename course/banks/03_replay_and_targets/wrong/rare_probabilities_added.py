"""P(at least one) computed as B * p: probabilities added.

cell: rare_event
hint: probabilities were added
"""
def rare_event_stats(p, batch_size):
    """Expected number of rare frames (frequency p) in a uniform batch, and the chance of at least one."""
    expected_count = batch_size * p
    p_at_least_one = batch_size * p  # every draw must miss for "none"
    return float(expected_count), float(p_at_least_one)
