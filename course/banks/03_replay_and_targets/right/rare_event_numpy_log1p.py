"""NumPy in log space: -expm1(B * log1p(-p)), accurate for tiny p; NumPy floats (a float subclass).

cell: rare_event
"""
def rare_event_stats(p, batch_size):
    """Expected number of rare frames (frequency p) in a uniform batch, and the chance of at least one."""
    expected_count = np.float64(batch_size) * p
    p_at_least_one = -np.expm1(batch_size * np.log1p(-p))   # 1 - (1 - p)**B without cancellation
    return expected_count, p_at_least_one
