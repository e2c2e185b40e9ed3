"""Beta keeps growing after total_updates (no min with 1).

cell: beta_schedule
hint: beta keeps growing past 1
"""
def beta_schedule(update, total_updates, beta0):
    """Importance-sampling exponent for update number `update`: beta0 at 0, rising linearly to 1 at total_updates."""
    return beta0 + (1.0 - beta0) * update / total_updates
