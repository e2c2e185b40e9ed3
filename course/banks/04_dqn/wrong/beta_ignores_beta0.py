"""Beta anneals from 0 instead of from beta0.

cell: beta_schedule
hint: beta0 is ignored
"""
def beta_schedule(update, total_updates, beta0):
    """Importance-sampling exponent for update number `update`: beta0 at 0, rising linearly to 1 at total_updates."""
    return min(1.0, update / total_updates)
