"""The lesson's formula: beta0 + (1 - beta0) * min(1, n / N).

cell: beta_schedule
"""
def beta_schedule(update, total_updates, beta0):
    """Importance-sampling exponent for update number `update`: beta0 at 0, rising linearly to 1 at total_updates."""
    return beta0 + (1.0 - beta0) * min(1.0, update / total_updates)
