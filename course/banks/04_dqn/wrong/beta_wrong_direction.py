"""Beta anneals the wrong way, from 1 down to beta0.

cell: beta_schedule
hint: anneals the wrong way
"""
def beta_schedule(update, total_updates, beta0):
    """Importance-sampling exponent for update number `update`: beta0 at 0, rising linearly to 1 at total_updates."""
    return 1.0 - (1.0 - beta0) * min(1.0, update / total_updates)
